package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// ManifestFile is the name of the manifest at the root of every project.
const ManifestFile = "lilith.yaml"

// Service kinds: the template tree a service is made from.
const (
	// KindHello is the seed service of a new project: a greeting, no store.
	KindHello = "hello"
	// KindCRUD is a resource with a model, a store and a REST API.
	KindCRUD = "crud"
)

// Stores a CRUD service can keep its data in.
const (
	StoreMemory    = "memory"
	StorePostgres  = "postgres"
	StoreDatastore = "datastore"
)

// StoreNames lists the accepted --db values, the default first.
var StoreNames = []string{StoreMemory, StorePostgres, StoreDatastore}

// CI systems lilith writes a configuration for.
const (
	CICircleCI = "circleci"
	CIGitHub   = "github"
	CITravis   = "travis"
)

// CINames lists the accepted --ci values.
var CINames = []string{CICircleCI, CIGitHub, CITravis}

// Manifest is the single source of truth of a lilith project: everything
// lilith writes is rendered from it.
type Manifest struct {
	// Lilith is the version of lilith that last wrote the project.
	Lilith string `yaml:"lilith"`
	// Name is the project name: a DNS label, also the monolith's binary.
	Name string `yaml:"name"`
	// Module is the Go module path.
	Module string `yaml:"module"`
	// Services are the services the monolith serves, in the order added.
	Services []Service `yaml:"services,omitempty"`
	// Jobs are the scheduled batch jobs, each its own binary, in the order added.
	Jobs []Job `yaml:"jobs,omitempty"`
	// CI lists the CI systems the project has a configuration for, from
	// CINames, each at most once.
	CI []string `yaml:"ci,omitempty"`
	// Auth, if set, is the issuer of the JWTs that authenticate callers.
	Auth *Auth `yaml:"auth,omitempty"`
	// Deploy holds the deployment choices: TLS and Cloud SQL.
	Deploy Deploy `yaml:"deploy,omitempty"`
	// Files records, for every file lilith wrote, a hash of what it wrote,
	// so that later commands can tell a user's edit from lilith's output.
	Files map[string]string `yaml:"files,omitempty"`
}

// Service is one service of the project.
type Service struct {
	// Name is the service name: a DNS label, also its package and route.
	Name string `yaml:"name"`
	// Kind selects the template the service is made from.
	Kind string `yaml:"kind"`
	// Store is where a CRUD service keeps its data.
	Store string `yaml:"store,omitempty"`
	// Fields are the attributes of a CRUD service's model.
	Fields []Field `yaml:"fields,omitempty"`
	// Uses names the CRUD services this one depends on: it receives each
	// one's Service through its constructor, and its model has a uuid field
	// named by RefField that must name an existing item of that service.
	Uses []string `yaml:"uses,omitempty"`
	// Split records that the service also runs on its own ('lilith split'):
	// a binary in cmd/NAME, a Deployment of its own, and the monolith
	// calling it at NAME_URL when that is set.
	Split bool `yaml:"split,omitempty"`
	// Auth, if set, makes the service's routes require an authenticated
	// caller (and, with Policy, one the project's policy allows).
	Auth *ServiceAuth `yaml:"auth,omitempty"`
}

// Job is one scheduled batch job of the project.
type Job struct {
	// Name is the job name: a DNS label, also its binary in cmd/.
	Name string `yaml:"name"`
	// Schedule is when Kubernetes runs it: a 5-field cron expression or a
	// descriptor such as @daily.
	Schedule string `yaml:"schedule"`
	// Service, if set, is the service whose store the job writes to.
	Service string `yaml:"service,omitempty"`
}

// Service returns the service called name, or nil.
func (m *Manifest) Service(name string) *Service {
	i := slices.IndexFunc(m.Services, func(s Service) bool { return s.Name == name })
	if i < 0 {
		return nil
	}
	return &m.Services[i]
}

// reservedNames may not name a service or job: they are packages of the
// generated project, or packages its wiring imports under their own name.
var reservedNames = []string{"app", "platform", "jobs", "internal", "cmd", "config", "httpx", "middleware", "logging",
	"context", "errors", "fmt", "http", "json", "log", "slog", "sql", "time", "uuid", "chi", "pgx", "datastore", "testing"}

// contractNames are the names a CRUD service's package declares besides its
// model, which the model must not take.
var contractNames = []string{"Input", "ListParams", "Page", "Service", "Store", "ValidationError", "MemoryStore",
	"DefaultLimit", "MaxLimit", "ErrNotFound", "ErrConflict", "NewService", "NewMemoryStore"}

// AddService adds s, refusing a name that is taken or reserved.
func (m *Manifest) AddService(s Service) error {
	if m.Service(s.Name) != nil {
		return fmt.Errorf("service %q already exists; run 'lilith list' to see the services, or 'lilith remove service %s' first", s.Name, s.Name)
	}
	if err := m.checkNewName("service", s.Name); err != nil {
		return err
	}
	if model := ExportedName(Singular(s.Name)); s.Kind == KindCRUD && slices.Contains(contractNames, model) {
		return fmt.Errorf("service name %q would name its model %s, which its package already uses for something else; choose another name", s.Name, model)
	}
	m.Services = append(m.Services, s)
	return m.Validate()
}

// RemoveService removes the service called name.
func (m *Manifest) RemoveService(name string) error {
	i := slices.IndexFunc(m.Services, func(s Service) bool { return s.Name == name })
	if i < 0 {
		return fmt.Errorf("no service %q in this project; run 'lilith list' to see the services", name)
	}
	for _, j := range m.Jobs {
		if j.Service == name {
			return fmt.Errorf("job %q uses service %q; run 'lilith remove job %s' first", j.Name, name, j.Name)
		}
	}
	for _, s := range m.Services {
		if slices.Contains(s.Uses, name) {
			return fmt.Errorf("service %q uses service %q; run 'lilith remove service %s' first", s.Name, name, s.Name)
		}
	}
	m.Services = slices.Delete(m.Services, i, i+1)
	return nil
}

// Job returns the job called name, or nil.
func (m *Manifest) Job(name string) *Job {
	i := slices.IndexFunc(m.Jobs, func(j Job) bool { return j.Name == name })
	if i < 0 {
		return nil
	}
	return &m.Jobs[i]
}

// checkNewName refuses a service or job name that is taken or reserved: a
// job and a split service each get a binary in cmd/, so the two share one
// name space with the project's own binary.
func (m *Manifest) checkNewName(kind, name string) error {
	if err := ValidateName(kind, name); err != nil {
		return err
	}
	switch {
	case m.Service(name) != nil:
		return fmt.Errorf("%s name %q is taken: a service has it; run 'lilith list' to see names in use", kind, name)
	case m.Job(name) != nil:
		return fmt.Errorf("%s name %q is taken: a job has it; run 'lilith list' to see names in use", kind, name)
	case name == m.Name:
		return fmt.Errorf("%s %q has the project's name, which names the monolith's binary; choose another name", kind, name)
	case slices.Contains(reservedNames, PackageName(name)):
		return fmt.Errorf("%s name %q clashes with a package of the project or one it imports; choose another name", kind, name)
	}
	// Names that differ only in their dashes share a package name and a Go
	// name: "api-keys" and "apikeys", or "ids" and "i-ds", both IDs.
	for _, s := range m.Services {
		if PackageName(s.Name) == PackageName(name) {
			return fmt.Errorf("%s name %q clashes with service %q: both would be package %s; choose another name", kind, name, s.Name, PackageName(name))
		}
	}
	for _, j := range m.Jobs {
		if PackageName(j.Name) == PackageName(name) {
			return fmt.Errorf("%s name %q clashes with job %q: both would be package %s; choose another name", kind, name, j.Name, PackageName(name))
		}
	}
	return nil
}

// AddJob adds j, refusing a name that is taken or reserved, a bad schedule
// and an unknown service.
func (m *Manifest) AddJob(j Job) error {
	if err := m.checkNewName("job", j.Name); err != nil {
		return err
	}
	m.Jobs = append(m.Jobs, j)
	return m.Validate()
}

// RemoveJob removes the job called name.
func (m *Manifest) RemoveJob(name string) error {
	i := slices.IndexFunc(m.Jobs, func(j Job) bool { return j.Name == name })
	if i < 0 {
		return fmt.Errorf("no job %q in this project; run 'lilith list' to see the jobs", name)
	}
	m.Jobs = slices.Delete(m.Jobs, i, i+1)
	return nil
}

// Validate checks that the manifest describes a project lilith can render.
func (m *Manifest) Validate() error {
	if err := ValidateName("project", m.Name); err != nil {
		return err
	}
	if err := ValidateModule(m.Module); err != nil {
		return err
	}
	for p := range m.Files {
		if !filepath.IsLocal(filepath.FromSlash(p)) || strings.Contains(p, `\`) || p == ManifestFile {
			return fmt.Errorf("files: path %q is not a file lilith can write inside the project", p)
		}
	}
	if err := ValidateCI(m.CI); err != nil {
		return err
	}
	if err := m.Deploy.Validate(); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, s := range m.Services {
		if err := ValidateName("service", s.Name); err != nil {
			return err
		}
		if seen[s.Name] {
			return fmt.Errorf("service %q is listed twice in %s", s.Name, ManifestFile)
		}
		seen[s.Name] = true
		switch s.Kind {
		case KindHello:
			if s.Store != "" || len(s.Fields) > 0 {
				return fmt.Errorf("service %q of kind %s takes no store or fields", s.Name, s.Kind)
			}
			if s.Split {
				return fmt.Errorf("service %q of kind %s cannot be split: %s", s.Name, s.Kind, whyNotSplit)
			}
		case KindCRUD:
			if !slices.Contains(StoreNames, s.Store) {
				return fmt.Errorf("service %q has unknown store %q; accepted: %s", s.Name, s.Store, strings.Join(StoreNames, ", "))
			}
			if len(s.Fields) == 0 {
				return fmt.Errorf("service %q has no fields", s.Name)
			}
			if err := ValidateFields(s.Fields); err != nil {
				return fmt.Errorf("service %q: %w", s.Name, err)
			}
		default:
			return fmt.Errorf("service %q has unknown kind %q; accepted: %s, %s", s.Name, s.Kind, KindHello, KindCRUD)
		}
	}
	if err := m.validateUses(); err != nil {
		return err
	}
	if err := m.validateAuth(); err != nil {
		return err
	}
	names := map[string]string{m.Name: "the project"}
	for _, s := range m.Services {
		names[s.Name] = "a service"
	}
	for _, j := range m.Jobs {
		if err := ValidateName("job", j.Name); err != nil {
			return err
		}
		if other, ok := names[j.Name]; ok {
			return fmt.Errorf("job %q has the name of %s; every job, service and the project need names of their own", j.Name, other)
		}
		names[j.Name] = "a job"
		if err := ValidateSchedule(j.Schedule); err != nil {
			return fmt.Errorf("job %q: %w", j.Name, err)
		}
		if j.Service != "" {
			s := m.Service(j.Service)
			switch {
			case s == nil:
				return fmt.Errorf("job %q: no service %q in this project; run 'lilith list' to see the services", j.Name, j.Service)
			case s.Kind != KindCRUD:
				return fmt.Errorf("job %q: service %q has no store to load into; name a service added with 'lilith add service'", j.Name, j.Service)
			}
		}
	}
	return nil
}

// ValidateCI checks a list of CI systems: each one of CINames, none twice.
func ValidateCI(ci []string) error {
	for i, c := range ci {
		if !slices.Contains(CINames, c) {
			return fmt.Errorf("unknown CI system %q; accepted: %s", c, strings.Join(CINames, ", "))
		}
		if slices.Contains(ci[:i], c) {
			return fmt.Errorf("CI system %q is listed twice", c)
		}
	}
	return nil
}

const manifestHeader = `# lilith.yaml: the manifest this project is generated from. lilith reads it on
# every command; "files" records what lilith last wrote, so that it can tell
# your edits from its own output. Change it with lilith commands.
`

// Marshal encodes the manifest as YAML with a short header.
func (m *Manifest) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(manifestHeader)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("encode manifest: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode manifest: %w", err)
	}
	return buf.Bytes(), nil
}

// ParseManifest decodes a manifest, rejecting unknown fields.
func ParseManifest(data []byte) (*Manifest, error) {
	var m Manifest
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("parse %s: %w", ManifestFile, err)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestFile, err)
	}
	return &m, nil
}

// ErrNoProject reports that no lilith.yaml was found.
var ErrNoProject = errors.New("not inside a lilith project")

// FindProject looks for lilith.yaml in dir and its parents and returns the
// project root and its manifest.
func FindProject(dir string) (string, *Manifest, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", nil, fmt.Errorf("find project from %s: %w", dir, err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, ManifestFile))
		if err == nil {
			m, err := ParseManifest(data)
			if err != nil {
				return "", nil, err
			}
			return d, m, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", nil, fmt.Errorf("read manifest: %w", err)
		}
		if filepath.Dir(d) == d {
			return "", nil, fmt.Errorf("%w: no %s in %s or any parent directory; run lilith new first, or cd into a project", ErrNoProject, ManifestFile, abs)
		}
	}
}
