package generator

import (
	"slices"
	"strconv"
	"strings"
)

// GoVersion is the Go language version of generated projects, in the
// form 'go mod tidy' writes once a dependency asks for 1.26.0, so tidying
// never rewrites the line lilith wrote.
const GoVersion = "1.26.0"

// Deps pins every module a generated project imports directly, so that the
// same manifest gives the same go.mod on every machine; 'go mod tidy' then
// selects the same indirect versions everywhere. It is the one place to
// bump a generated dependency.
var Deps = map[string]string{
	"cloud.google.com/go/datastore": "v1.28.1",
	"github.com/go-chi/chi/v5":      "v5.2.3",
	"github.com/google/uuid":        "v1.6.0",
	"github.com/jackc/pgx/v5":       "v5.13.0",
	"github.com/pressly/goose/v3":   "v3.30.1",
	"github.com/rs/cors":            "v1.11.1",
	"github.com/go-jose/go-jose/v4": "v4.1.9",
	"github.com/casbin/casbin/v2":   "v2.135.0",
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
	GoVersion string // "1.26.0"
	Requires  []requirement
	Services  []*svcData // in manifest order
	Wired     []*svcData // in wiring order: every service after the services it uses
	Split     []*svcData // the services that also run on their own, in manifest order
	Monolith  []wireStep // what the monolith builds, in wiring order
	Jobs      []*jobData

	HasCRUD      bool     // some service is a CRUD service
	HasPostgres  bool     // some service keeps its data in Postgres
	HasDatastore bool     // some service keeps its data in Datastore
	HasServices  bool     // the tests need a backing service: Postgres or the Datastore emulator
	SecretEnv    []string // environment variables that come from a Kubernetes Secret: "DATABASE_URL"
	ConfigEnv    []envVar // defaults of the chart's ConfigMap that lilith derives: DATASTORE_PROJECT_ID, AUTH_*
	CI           ciData   // which CI configurations to write

	PostgresVersion string // PostgresVersion, for the README
	PostgresImage   string // PostgresImage, for docker-compose.yml and the CI files

	Auth      *authData // the issuer of callers' tokens, or nil
	Protected bool      // some service requires auth
	HasPolicy bool      // some service checks the access policy

	TLS      *tlsData      // the Ingress certificate, or nil
	CloudSQL *cloudSQLData // the Cloud SQL Auth Proxy sidecar, or nil (also without a Postgres service)
}

// PostgresVersion is the major version of PostgreSQL that a generated
// project runs against: in docker-compose.yml and in every CI configuration.
const PostgresVersion = "17"

// PostgresImage is the PostgreSQL container image of docker-compose.yml and
// of the CI configurations: the official image at PostgresVersion.
const PostgresImage = "postgres:" + PostgresVersion

// envVar is one environment variable with its value.
type envVar struct {
	Name, Value string
}

// authData is the issuer of the project's tokens, for the templates: the
// defaults of AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL and AUTH_TOKEN_USE.
type authData struct {
	Provider string // "firebase"
	Issuer   string // "https://securetoken.google.com/demo"
	Audience string // "demo"
	JWKSURL  string // "" means OpenID Connect discovery
	TokenUse string // "access" for Cognito, else ""
}

// tlsData is the certificate of the public host name, for the chart.
type tlsData struct {
	Domain     string // "api.example.com"
	Issuer     string // "letsencrypt"
	ACMEServer string // the issuer's ACME directory URL
}

// cloudSQLData is the Cloud SQL Auth Proxy sidecar, for the chart.
type cloudSQLData struct {
	Instance string // connection name: "my-project:europe-west1:main"
	Image    string // CloudSQLProxyImage
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
	Env      string   // environment variable prefix: "NIGHTLY_LOAD"
	Schedule string   // cron expression: "0 2 * * *"
	Service  *svcData // the service whose store it uses, or nil

	// Jobs with a service only: an input the service refuses, for the
	// job's tests; empty when the service accepts every input.
	Invalid      edit   // a test edit of the service's fields, as in fieldData.Invalid
	InvalidField string // the field that Invalid breaks
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
	Auth *ServiceAuth // how its routes are protected, or nil: public

	Store      string      // "memory", "postgres" or "datastore"
	Model      string      // exported model type, singular: "OrderItem"
	ModelLocal string      // unexported model name: "orderItem"
	ModelText  string      // the model in messages and other strings: "orderItem", never with Go's initialisms ("apiKey", "refUrl")
	Table      string      // Postgres table: "order_items"
	EntityKind string      // Datastore kind: "OrderItem"
	Fields     []fieldData // the model's own fields, in the order given
	Uses       []depData   // the services it uses, in the order given
	Compared   string      // GoName of the first field that == can compare (not json), for tests; "" if none

	// Split services only ('lilith split').
	Split      bool       // it also runs on its own, as cmd/Name
	LocalPort  int        // the port its binary listens on in local development (Procfile, .env): 8090, 8091, ...
	Process    string     // its process type in the Procfile: its name, unless that is the monolith's "web"
	Alone      []wireStep // what its binary builds, in wiring order: the services it uses, then itself
	Dependents []depData  // the services that use it, each with its field that refers to one of its items
}

// wireStep is one service that a binary builds, in wiring order.
type wireStep struct {
	*svcData
	Remote bool // it runs on its own: the binary calls it at its URL when that is set, else builds it
	Mount  bool // the binary serves its routes (when it builds it)
	Used   bool // a service that the binary builds later uses it
}

// depData is one service that a CRUD service uses, and the field of the
// user's model that refers to one of its items.
type depData struct {
	*svcData
	Field fieldData // the uuid field that names the dependency's item: "order_id"
}

// fieldData names one model field for the templates.
type fieldData struct {
	Name    string // as given: "due_date"; also the JSON name, column and Datastore property
	Type    string // the --fields type: "time"
	GoName  string // "DueDate"
	GoType  string // "time.Time"
	SQL     string // column definition: "timestamptz NOT NULL"
	DSType  string // Go type of the Datastore property: uuid is kept as a string
	DSTag   string // Datastore struct tag value: "due_date" or "notes,noindex"
	Check   string // validation function, if the type has one: "checkString"
	Sample  string // Go expression of a valid value that depends on n
	Valid   []edit // test edits the service accepts, names and code filled in
	Invalid []edit // test edits the service refuses
	Parse   string // Go statement that sets in.GoName from the CSV text v, setting err
	Format  string // Go expression of the CSV text of in.GoName
}

// Is reports whether the field has the --fields type t.
func (f fieldData) Is(t string) bool { return f.Type == t }

func newFieldData(f Field) fieldData {
	ft := fieldTypes[f.Type]
	goName := ExportedName(f.Name)
	fill := func(s string) string {
		return strings.NewReplacer("{n}", f.Name, "{g}", goName).Replace(s)
	}
	fillAll := func(edits []edit) []edit {
		out := make([]edit, len(edits))
		for i, e := range edits {
			out[i] = edit{Name: fill(e.Name), Code: fill(e.Code)}
		}
		return out
	}
	tag := f.Name
	if !ft.DSIndex {
		tag += ",noindex"
	}
	return fieldData{
		Name: f.Name, Type: f.Type, GoName: goName, GoType: ft.Go, SQL: ft.SQL,
		DSType: ft.DSType, DSTag: tag, Check: ft.Check, Sample: fill(ft.Sample),
		Valid: fillAll(ft.Valid), Invalid: fillAll(ft.Invalid), Parse: fill(ft.Parse), Format: fill(ft.Format),
	}
}

// Has reports whether some field of the service has the --fields type t.
func (s *svcData) Has(t string) bool {
	for _, f := range s.Fields {
		if f.Type == t {
			return true
		}
	}
	return false
}

func newProjectData(m *Manifest) *projectData {
	p := &projectData{Name: m.Name, Module: m.Module, GoVersion: GoVersion, PostgresVersion: PostgresVersion, PostgresImage: PostgresImage}
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
			Auth:     s.Auth,
		}
		p.Protected = p.Protected || s.Auth != nil
		p.HasPolicy = p.HasPolicy || (s.Auth != nil && s.Auth.Policy)
		p.HasCRUD = p.HasCRUD || s.Kind == KindCRUD
		p.HasPostgres = p.HasPostgres || s.Store == StorePostgres
		p.HasDatastore = p.HasDatastore || s.Store == StoreDatastore
		if s.Kind == KindCRUD {
			singular := Singular(s.Name)
			sd.Model = ExportedName(singular)
			sd.ModelLocal = ModelLocalName(singular)
			// Error messages reach clients: they keep the spelling they had
			// before Go names spelled initialisms in upper case.
			sd.ModelText = strings.ToLower(singular[:1]) + legacyName(singular)[1:]
			sd.Table = strings.ReplaceAll(s.Name, "-", "_")
			sd.EntityKind = legacyName(singular) // stored data: it must not change with the Go name
			for _, f := range s.Fields {
				sd.Fields = append(sd.Fields, newFieldData(f))
				if sd.Compared == "" && f.Type != "json" {
					sd.Compared = sd.Fields[len(sd.Fields)-1].GoName
				}
			}
		}
		p.Services = append(p.Services, sd)
	}
	byName := map[string]*svcData{}
	for _, sd := range p.Services {
		byName[sd.Name] = sd
	}
	for i, s := range m.Services {
		for _, dep := range s.Uses {
			ref := RefField(dep)
			for j, f := range p.Services[i].Fields {
				if f.Name == ref {
					// An empty reference is allowed, so samples leave it
					// empty and every test that creates items keeps working
					// without creating a dependency first.
					f.Sample = "uuid.Nil"
					p.Services[i].Fields[j] = f
					p.Services[i].Uses = append(p.Services[i].Uses, depData{svcData: byName[dep], Field: f})
				}
			}
		}
	}
	order, err := m.WiringOrder()
	if err != nil {
		order = m.Services // Validate refuses a cycle before anything is rendered
	}
	for _, s := range order {
		sd := byName[s.Name]
		p.Wired = append(p.Wired, sd)
		sd.Split = s.Split
	}
	for _, sd := range p.Services {
		for _, d := range sd.Uses {
			d.Dependents = append(d.Dependents, depData{svcData: sd, Field: d.Field})
		}
		if sd.Split {
			sd.LocalPort = 8090 + len(p.Split)
			sd.Process = sd.Name
			if sd.Process == "web" {
				sd.Process = "web-service"
			}
			p.Split = append(p.Split, sd)
		}
	}
	for _, sd := range p.Wired {
		p.Monolith = append(p.Monolith, wireStep{svcData: sd, Remote: sd.Split, Mount: true, Used: len(sd.Dependents) > 0})
	}
	for _, sd := range p.Split {
		// Its binary builds what it uses, each before its users, then itself.
		need := map[string]bool{sd.Name: true}
		for i := len(p.Wired) - 1; i >= 0; i-- {
			if w := p.Wired[i]; need[w.Name] {
				for _, d := range w.Uses {
					need[d.Name] = true
				}
			}
		}
		for _, w := range p.Wired {
			switch {
			case w == sd:
				sd.Alone = append(sd.Alone, wireStep{svcData: w, Mount: true})
			case need[w.Name]:
				sd.Alone = append(sd.Alone, wireStep{svcData: w, Remote: w.Split, Used: true})
			}
		}
	}
	p.HasServices = p.HasPostgres || p.HasDatastore
	if p.HasPostgres {
		p.SecretEnv = append(p.SecretEnv, "DATABASE_URL")
	}
	if p.HasDatastore {
		// A placeholder that values.yaml's config overrides: the pods refuse
		// to start in production without a project.
		p.ConfigEnv = append(p.ConfigEnv, envVar{Name: "DATASTORE_PROJECT_ID", Value: m.Name})
	}
	if a := m.Auth; a != nil {
		iss, aud, jwks := a.Defaults()
		p.Auth = &authData{Provider: a.Provider, Issuer: iss, Audience: aud, JWKSURL: jwks}
		if a.Provider == ProviderCognito {
			p.Auth.TokenUse = "access"
		}
		// The chart's ConfigMap shows and sets the issuer's defaults that
		// auth_gen.go compiles in, for every pod; values.yaml overrides them.
		// AUTH_TOKEN_USE stays compiled in: a Cognito detail, not a setting.
		for _, v := range []envVar{
			{Name: "AUTH_ISSUER", Value: p.Auth.Issuer},
			{Name: "AUTH_AUDIENCE", Value: p.Auth.Audience},
			{Name: "AUTH_JWKS_URL", Value: p.Auth.JWKSURL},
		} {
			if v.Value != "" {
				p.ConfigEnv = append(p.ConfigEnv, v)
			}
		}
	}
	if t := m.Deploy.TLS; t != nil {
		p.TLS = &tlsData{Domain: t.Domain, Issuer: t.Issuer, ACMEServer: acmeServers[t.Issuer]}
	}
	if m.Deploy.CloudSQL != "" && p.HasPostgres {
		p.CloudSQL = &cloudSQLData{Instance: m.Deploy.CloudSQL, Image: CloudSQLProxyImage}
	}
	p.CI = ciData{
		CircleCI: slices.Contains(m.CI, CICircleCI),
		GitHub:   slices.Contains(m.CI, CIGitHub),
		Travis:   slices.Contains(m.CI, CITravis),
	}
	for _, j := range m.Jobs {
		jd := &jobData{Name: j.Name, Package: PackageName(j.Name), Exported: ExportedName(j.Name), Env: EnvName(j.Name), Schedule: j.Schedule}
		for _, s := range p.Services {
			if s.Name == j.Service {
				jd.Service = s
			}
		}
		if jd.Service != nil {
			for _, f := range jd.Service.Fields {
				if len(f.Invalid) > 0 && jd.InvalidField == "" {
					jd.Invalid, jd.InvalidField = f.Invalid[0], f.Name
				}
			}
		}
		p.Jobs = append(p.Jobs, jd)
	}
	for _, path := range SortedPaths(requiredModules(p)) {
		p.Requires = append(p.Requires, requirement{Path: path, Version: Deps[path]})
	}
	return p
}

// requiredModules lists the modules the project's code imports.
func requiredModules(p *projectData) map[string]bool {
	need := map[string]bool{
		"github.com/go-chi/chi/v5": true,
		"github.com/rs/cors":       true,
	}
	if p.HasCRUD {
		need["github.com/google/uuid"] = true
	}
	if p.HasPostgres {
		need["github.com/jackc/pgx/v5"] = true
		need["github.com/pressly/goose/v3"] = true
	}
	if p.HasDatastore {
		need["cloud.google.com/go/datastore"] = true
	}
	if p.Auth != nil {
		need["github.com/go-jose/go-jose/v4"] = true
	}
	if p.HasPolicy {
		need["github.com/casbin/casbin/v2"] = true
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

// RoutesBut lists the mount points of the services other than s, each with
// a trailing slash, as Go string literals: "/v1/hello/", "/v1/invoices/".
func (p *projectData) RoutesBut(s *svcData) string {
	var routes []string
	for _, o := range p.Services {
		if o != s {
			routes = append(routes, strconv.Quote(o.Route+"/"))
		}
	}
	return strings.Join(routes, ", ")
}

// AloneRemote reports whether the binary of a split service may call
// another split service over HTTP.
func (s *svcData) AloneRemote() bool {
	return slices.ContainsFunc(s.Alone, func(w wireStep) bool { return w.Remote })
}

// AloneAuth reports whether the binary of a split service serves routes
// that require auth, and so needs a token verifier.
func (s *svcData) AloneAuth() bool {
	return slices.ContainsFunc(s.Alone, func(w wireStep) bool { return w.Mount && w.Auth != nil })
}

// AlonePolicy reports whether the binary of a split service serves routes
// that check the access policy.
func (s *svcData) AlonePolicy() bool {
	return slices.ContainsFunc(s.Alone, func(w wireStep) bool { return w.Mount && w.Auth != nil && w.Auth.Policy })
}

// DepParams is the parameter list that a constructor of the service adds
// for the services it uses: ", orders orders.Service".
func (s *svcData) DepParams() string {
	var b strings.Builder
	for _, d := range s.Uses {
		b.WriteString(", " + d.Local + " " + d.Package + ".Service")
	}
	return b.String()
}

// DepArgs passes the parameters of DepParams on: ", orders".
func (s *svcData) DepArgs() string {
	var b strings.Builder
	for _, d := range s.Uses {
		b.WriteString(", " + d.Local)
	}
	return b.String()
}

// DepImports lists the import paths of the services that TestDeps names:
// the services s uses, theirs, and so on, sorted.
func (s *svcData) DepImports() []string {
	seen := map[string]bool{}
	var visit func(*svcData)
	visit = func(s *svcData) {
		for _, d := range s.Uses {
			seen[d.Import] = true
			visit(d.svcData)
		}
	}
	visit(s)
	return SortedPaths(seen)
}

// TestDeps passes an in-memory service for each service it uses, for
// tests: ", orders.NewService(orders.NewMemoryStore())".
func (s *svcData) TestDeps() string {
	var b strings.Builder
	for _, d := range s.Uses {
		b.WriteString(", " + d.Package + ".NewService(" + d.Package + ".NewMemoryStore()" + d.TestDeps() + ")")
	}
	return b.String()
}

// TestDepsWith is TestDeps with the expression expr passed for the used
// service called name instead.
func (s *svcData) TestDepsWith(name, expr string) string {
	var b strings.Builder
	for _, d := range s.Uses {
		if d.Name == name {
			b.WriteString(", " + expr)
			continue
		}
		b.WriteString(", " + d.Package + ".NewService(" + d.Package + ".NewMemoryStore()" + d.TestDeps() + ")")
	}
	return b.String()
}
