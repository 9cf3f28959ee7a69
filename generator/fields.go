package generator

import (
	"fmt"
	"go/token"
	"slices"
	"strings"
)

// Field is one typed attribute of a service's model, as in --fields
// "title:string,price:float64".
type Field struct {
	Name string `yaml:"name"`
	Type string `yaml:"type"`
}

// fieldType describes how one --fields type appears in each layer of a
// generated service.
type fieldType struct {
	Go        string // Go type of the model field
	SQL       string // Postgres column type
	Sample    string // Go expression of a valid value, for tests
	SampleAlt string // another valid value, different from Sample
	Import    string // import the Go type needs, if any
}

// fieldTypes are the accepted --fields types.
var fieldTypes = map[string]fieldType{
	"string":  {Go: "string", SQL: "text", Sample: `"alpha"`, SampleAlt: `"beta"`},
	"text":    {Go: "string", SQL: "text", Sample: `"a longer text"`, SampleAlt: `"another text"`},
	"int":     {Go: "int", SQL: "bigint", Sample: "42", SampleAlt: "7"},
	"int64":   {Go: "int64", SQL: "bigint", Sample: "1 << 40", SampleAlt: "-3"},
	"float64": {Go: "float64", SQL: "double precision", Sample: "9.5", SampleAlt: "0.25"},
	"bool":    {Go: "bool", SQL: "boolean", Sample: "true", SampleAlt: "false"},
	"time":    {Go: "time.Time", SQL: "timestamptz", Sample: "time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)", SampleAlt: "time.Date(2031, 6, 7, 8, 9, 10, 0, time.UTC)", Import: "time"},
	"uuid":    {Go: "uuid.UUID", SQL: "uuid", Sample: `uuid.MustParse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")`, SampleAlt: `uuid.MustParse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")`, Import: "github.com/google/uuid"},
	"json":    {Go: "json.RawMessage", SQL: "jsonb", Sample: "json.RawMessage(`{\"a\":1}`)", SampleAlt: "json.RawMessage(`[1,2]`)", Import: "encoding/json"},
}

// FieldTypeNames lists the accepted --fields types, in the order the help
// text gives them.
var FieldTypeNames = []string{"string", "text", "int", "int64", "float64", "bool", "time", "uuid", "json"}

// reservedFields are the names every generated model already has.
var reservedFields = []string{"id", "created_at", "updated_at", "version"}

// DefaultFields is the model of a service created without --fields.
var DefaultFields = []Field{{Name: "name", Type: "string"}}

// ParseFields parses a --fields value: comma-separated name:type pairs.
func ParseFields(spec string) ([]Field, error) {
	if strings.TrimSpace(spec) == "" {
		return nil, fmt.Errorf("--fields is empty; give name:type pairs such as \"title:string,price:float64\"")
	}
	var fields []Field
	for part := range strings.SplitSeq(spec, ",") {
		name, typ, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok {
			return nil, fmt.Errorf("field %q: want name:type, such as title:string", part)
		}
		fields = append(fields, Field{Name: name, Type: typ})
	}
	if err := ValidateFields(fields); err != nil {
		return nil, err
	}
	return fields, nil
}

// ValidateFields checks field names and types.
func ValidateFields(fields []Field) error {
	seen := map[string]bool{}
	for _, f := range fields {
		if err := validateFieldName(f.Name); err != nil {
			return err
		}
		if _, ok := fieldTypes[f.Type]; !ok {
			return fmt.Errorf("field %q: unknown type %q; accepted: %s", f.Name, f.Type, strings.Join(FieldTypeNames, ", "))
		}
		if seen[f.Name] {
			return fmt.Errorf("field %q is given twice", f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

func validateFieldName(name string) error {
	const rule = "use lower-case letters, digits and '_', starting with a letter, such as due_date"
	switch {
	case name == "":
		return fmt.Errorf("a field has an empty name; %s", rule)
	case token.IsKeyword(name):
		return fmt.Errorf("field %q is a Go keyword; choose another name", name)
	case slices.Contains(reservedFields, name):
		return fmt.Errorf("field %q is reserved: every model has %s already", name, strings.Join(reservedFields, ", "))
	case len(name) > maxNameLen:
		return fmt.Errorf("field %q is longer than %d characters", name, maxNameLen)
	case name[0] < 'a' || name[0] > 'z':
		return fmt.Errorf("invalid field name %q: %s", name, rule)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return fmt.Errorf("invalid field name %q: %s", name, rule)
		}
	}
	return nil
}
