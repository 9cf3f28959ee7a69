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

// Service kinds.
const (
	// KindHello is the seed service of a new project: a greeting, no store.
	KindHello = "hello"
)

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
}

// Service returns the service called name, or nil.
func (m *Manifest) Service(name string) *Service {
	i := slices.IndexFunc(m.Services, func(s Service) bool { return s.Name == name })
	if i < 0 {
		return nil
	}
	return &m.Services[i]
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
	seen := map[string]bool{}
	for _, s := range m.Services {
		if err := ValidateName("service", s.Name); err != nil {
			return err
		}
		if seen[s.Name] {
			return fmt.Errorf("service %q is listed twice in %s", s.Name, ManifestFile)
		}
		seen[s.Name] = true
		if s.Kind != KindHello {
			return fmt.Errorf("service %q has unknown kind %q; accepted: %s", s.Name, s.Kind, KindHello)
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
