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
// generated service. "{n}" in Sample and in the edits stands for the
// field's name, "{g}" for its Go name.
type fieldType struct {
	Go      string // Go type of the model field
	SQL     string // Postgres column definition
	DSType  string // Go type of the Datastore entity property
	DSIndex bool   // whether Datastore indexes the property
	Check   string // the validation function of the service, if any
	Sample  string // Go expression of a valid value that depends on n
	Valid   []edit // edits at the edge of what the service accepts
	Invalid []edit // edits the service refuses
	Parse   string // Go statement that sets in.{g} from the CSV text v, setting err if it fails
	Format  string // Go expression of the CSV text of in.{g}, which Parse reads back
}

// edit is one test case: a name and a Go statement that changes in.
type edit struct{ Name, Code string }

// fieldTypes are the accepted --fields types.
var fieldTypes = map[string]fieldType{
	"string": {Go: "string", Parse: "in.{g} = v", Format: "in.{g}", SQL: "text NOT NULL", DSType: "string", DSIndex: true, Check: "checkString",
		Sample: `fmt.Sprintf("{n} %d", n)`,
		Valid:  []edit{{"{n} at its limit in characters", `in.{g} = strings.Repeat("é", 200)`}},
		Invalid: []edit{{"{n} empty", `in.{g} = ""`}, {"{n} too long", `in.{g} = strings.Repeat("é", 201)`},
			{"{n} with a newline", `in.{g} = "a\nb"`}}},
	"text": {Go: "string", Parse: "in.{g} = v", Format: "in.{g}", SQL: "text NOT NULL", DSType: "string", Check: "checkText",
		Sample:  `fmt.Sprintf("{n} %d\nsecond line", n)`,
		Valid:   []edit{{"{n} at its limit in characters", `in.{g} = strings.Repeat("é", 10000)`}, {"{n} empty", `in.{g} = ""`}},
		Invalid: []edit{{"{n} too long", `in.{g} = strings.Repeat("é", 10001)`}, {"{n} with NUL", `in.{g} = "a\x00b"`}}},
	"int":   {Go: "int", Parse: "in.{g}, err = strconv.Atoi(v)", Format: "strconv.Itoa(in.{g})", SQL: "bigint NOT NULL", DSType: "int", DSIndex: true, Sample: "n"},
	"int64": {Go: "int64", Parse: "in.{g}, err = strconv.ParseInt(v, 10, 64)", Format: "strconv.FormatInt(in.{g}, 10)", SQL: "bigint NOT NULL", DSType: "int64", DSIndex: true, Sample: "int64(n) * 1_000_000_000_000"},
	"float64": {Go: "float64", Parse: "in.{g}, err = strconv.ParseFloat(v, 64)", Format: "strconv.FormatFloat(in.{g}, 'g', -1, 64)", SQL: "double precision NOT NULL", DSType: "float64", DSIndex: true, Check: "checkFloat",
		Sample: "float64(n) + 0.25", Invalid: []edit{{"{n} not finite", "in.{g} = math.Inf(1)"}}},
	"bool": {Go: "bool", Parse: "in.{g}, err = strconv.ParseBool(v)", Format: "strconv.FormatBool(in.{g})", SQL: "boolean NOT NULL", DSType: "bool", DSIndex: true, Sample: "n%2 == 1"},
	"time": {Go: "time.Time", Parse: "in.{g}, err = time.Parse(time.RFC3339Nano, v)", Format: "in.{g}.Format(time.RFC3339Nano)", SQL: "timestamptz NOT NULL", DSType: "time.Time", DSIndex: true,
		Sample: "time.Date(2030, time.January, 1, 12, 30, 0, 123456000, time.UTC).AddDate(0, 0, n)",
		Valid:  []edit{{"{n} in nanoseconds and another zone", `in.{g} = time.Date(2030, 1, 2, 3, 4, 5, 999999999, time.FixedZone("X", 3600))`}}},
	"uuid": {Go: "uuid.UUID", Parse: "in.{g}, err = uuid.Parse(v)", Format: "in.{g}.String()", SQL: "uuid NOT NULL", DSType: "string", DSIndex: true,
		Sample: `uuid.NewSHA1(uuid.NameSpaceURL, fmt.Appendf(nil, "{n} %d", n))`},
	"json": {Go: "json.RawMessage", Parse: "in.{g} = json.RawMessage(v)", Format: "string(in.{g})", SQL: "jsonb", DSType: "[]byte", Check: "checkJSON",
		Sample:  "json.RawMessage(fmt.Sprintf(`{\"n\": %d}`, n))",
		Valid:   []edit{{"{n} absent", "in.{g} = nil"}, {"{n} null", "in.{g} = json.RawMessage(`null`)"}},
		Invalid: []edit{{"{n} not JSON", "in.{g} = json.RawMessage(`{\"n\":`)"}, {"{n} empty but not nil", "in.{g} = json.RawMessage{}"}}},
}

// FieldTypeNames lists the accepted --fields types, in the order the help
// text gives them.
var FieldTypeNames = []string{"string", "text", "int", "int64", "float64", "bool", "time", "uuid", "json"}

// reservedFields are the names every generated model already has.
var reservedFields = []string{"id", "created_at", "updated_at", "version", "input"}

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
	goNames := map[string]string{} // Go name to the field, or reserved field, that has it
	for _, r := range reservedFields {
		goNames[ExportedName(r)] = r
	}
	for _, f := range fields {
		if err := validateFieldName(f.Name); err != nil {
			return err
		}
		// Different names can spell the same Go name: "a_b" and "a__b",
		// or "i_d" and the model's "id", both ID.
		if other, ok := goNames[ExportedName(f.Name)]; ok && other != f.Name {
			return fmt.Errorf("fields %q and %q would both be %s in Go; rename one", other, f.Name, ExportedName(f.Name))
		}
		goNames[ExportedName(f.Name)] = f.Name
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
