package generator

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
}

// svcData names one service for the templates.
type svcData struct {
	Name     string // DNS label: "order-items"
	Kind     string // template tree: "hello"
	Package  string // Go package: "orderitems"
	Exported string // exported Go name: "OrderItems"
	Local    string // unexported Go name: "orderItems"
	Import   string // import path of the contract: "example.com/shop/internal/orderitems"
	Route    string // mount point: "/v1/order-items"
}

func newProjectData(m *Manifest) *projectData {
	p := &projectData{Name: m.Name, Module: m.Module, GoVersion: GoVersion}
	for _, s := range m.Services {
		p.Services = append(p.Services, &svcData{
			Name:     s.Name,
			Kind:     s.Kind,
			Package:  PackageName(s.Name),
			Exported: ExportedName(s.Name),
			Local:    LocalName(s.Name),
			Import:   m.Module + "/internal/" + PackageName(s.Name),
			Route:    "/v1/" + s.Name,
		})
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
