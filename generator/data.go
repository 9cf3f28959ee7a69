package generator

import (
	"slices"
	"strings"
)

// GoVersion is the Go language version of generated projects.
const GoVersion = "1.26"

// Deps pins every module a generated project may require, so that the same
// manifest gives the same go.mod on every machine. It is the one place to
// bump a generated dependency.
var Deps = map[string]string{
	"github.com/go-chi/chi/v5": "v5.2.3",
	"github.com/rs/cors":       "v1.11.1",
}

// requirement is one require line of a generated go.mod.
type requirement struct {
	Path, Version string
}

// projectData is what the project templates see. Every name a template
// needs is computed here, once, so templates hold layout and no logic.
type projectData struct {
	Name      string // project name, a DNS label: "my-shop"
	Module    string // Go module path: "example.com/my-shop"
	GoVersion string // "1.26"
	Requires  []requirement
	Services  []*svcData
	Jobs      []*jobData

	HasPostgres bool     // some service keeps its data in Postgres: deploy and CI need DATABASE_URL
	SecretEnv   []string // environment variables that come from a Kubernetes Secret: "DATABASE_URL"
	CI          ciData   // which CI configurations to write
}

// ciData says which CI systems the project has a configuration for.
type ciData struct {
	CircleCI, GitHub, Travis bool
}

// jobData names one job for the templates.
type jobData struct {
	Name     string   // DNS label, also the binary: "nightly-load"
	Package  string   // Go package under internal/jobs: "nightlyload"
	Exported string   // "NightlyLoad"
	Schedule string   // cron expression: "0 2 * * *"
	Service  *svcData // the service whose store it uses, or nil
}

// svcData names one service for the templates.
type svcData struct {
	Name     string // DNS label: "order-items"
	Kind     string // template tree: "hello" or "crud"
	Package  string // Go package: "orderitems"
	Exported string // exported Go name: "OrderItems"
	Local    string // unexported Go name: "orderItems"
	Import   string // import path of the contract: "example.com/shop/internal/orderitems"
	Route    string // mount point: "/v1/order-items"
	Env      string // environment variable prefix: "ORDER_ITEMS"

	// CRUD services only.
	Store      string      // "memory", "postgres" or "datastore"
	Model      string      // exported model type, singular: "OrderItem"
	ModelLocal string      // unexported model name: "orderItem"
	Table      string      // Postgres table: "order_items"
	EntityKind string      // Datastore kind: "OrderItem"
	Fields     []fieldData // the model's own fields, in the order given
}

// fieldData names one model field for the templates.
type fieldData struct {
	Name      string // as given: "due_date"; also the JSON name, column and Datastore property
	Type      string // the --fields type: "time"
	GoName    string // "DueDate"
	GoType    string // "time.Time"
	SQLType   string // "timestamptz"
	Sample    string // Go expression of a valid value
	SampleAlt string // another valid value
}

func newProjectData(m *Manifest) *projectData {
	p := &projectData{Name: m.Name, Module: m.Module, GoVersion: GoVersion}
	for _, s := range m.Services {
		sd := &svcData{
			Name:     s.Name,
			Kind:     s.Kind,
			Package:  PackageName(s.Name),
			Exported: ExportedName(s.Name),
			Local:    LocalName(s.Name),
			Import:   m.Module + "/internal/" + PackageName(s.Name),
			Route:    "/v1/" + s.Name,
			Env:      EnvName(s.Name),
			Store:    s.Store,
		}
		if s.Kind == KindCRUD {
			singular := Singular(s.Name)
			sd.Model = ExportedName(singular)
			sd.ModelLocal = LocalName(singular)
			sd.Table = strings.ReplaceAll(s.Name, "-", "_")
			sd.EntityKind = sd.Model
			for _, f := range s.Fields {
				ft := fieldTypes[f.Type]
				sd.Fields = append(sd.Fields, fieldData{
					Name: f.Name, Type: f.Type, GoName: ExportedName(strings.ReplaceAll(f.Name, "_", "-")),
					GoType: ft.Go, SQLType: ft.SQL, Sample: ft.Sample, SampleAlt: ft.SampleAlt,
				})
			}
		}
		p.Services = append(p.Services, sd)
	}
	for _, s := range m.Services {
		p.HasPostgres = p.HasPostgres || s.Store == StorePostgres
	}
	if p.HasPostgres {
		p.SecretEnv = append(p.SecretEnv, "DATABASE_URL")
	}
	p.CI = ciData{
		CircleCI: slices.Contains(m.CI, CICircleCI),
		GitHub:   slices.Contains(m.CI, CIGitHub),
		Travis:   slices.Contains(m.CI, CITravis),
	}
	for _, j := range m.Jobs {
		jd := &jobData{Name: j.Name, Package: PackageName(j.Name), Exported: ExportedName(j.Name), Schedule: j.Schedule}
		for _, s := range p.Services {
			if s.Name == j.Service {
				jd.Service = s
			}
		}
		p.Jobs = append(p.Jobs, jd)
	}
	for _, path := range SortedPaths(requiredModules(m)) {
		p.Requires = append(p.Requires, requirement{Path: path, Version: Deps[path]})
	}
	return p
}

// requiredModules lists the modules the project's code imports.
func requiredModules(m *Manifest) map[string]bool {
	need := map[string]bool{
		"github.com/go-chi/chi/v5": true,
		"github.com/rs/cors":       true,
	}
	for path := range need {
		if _, ok := Deps[path]; !ok {
			panic("generator: no pinned version for " + path)
		}
	}
	return need
}

// Singular is the singular of an English plural name, by the common rules:
// "orders" gives "order", "categories" "category", "addresses" "address";
// a name that does not end in s is its own singular.
func Singular(name string) string {
	switch {
	case strings.HasSuffix(name, "ies") && len(name) > 3:
		return name[:len(name)-3] + "y"
	case strings.HasSuffix(name, "sses"), strings.HasSuffix(name, "xes"), strings.HasSuffix(name, "ches"), strings.HasSuffix(name, "shes"):
		return name[:len(name)-2]
	case strings.HasSuffix(name, "ss"), strings.HasSuffix(name, "us"), strings.HasSuffix(name, "is"):
		return name
	case strings.HasSuffix(name, "s") && len(name) > 1:
		return name[:len(name)-1]
	}
	return name
}
