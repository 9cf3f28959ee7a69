package generator

import (
	"fmt"
	"slices"
	"strings"
)

// RefField is the name of the field through which a service that uses dep
// refers to one of dep's items: "order_id" for "orders".
func RefField(dep string) string {
	return strings.ReplaceAll(Singular(dep), "-", "_") + "_id"
}

// WithRefFields returns fields with a uuid RefField for each service in
// uses that fields do not name yet, appended in the order of uses.
func WithRefFields(fields []Field, uses []string) []Field {
	out := slices.Clone(fields)
	for _, dep := range uses {
		name := RefField(dep)
		if !slices.ContainsFunc(out, func(f Field) bool { return f.Name == name }) {
			out = append(out, Field{Name: name, Type: "uuid"})
		}
	}
	return out
}

// validateUses checks every service's uses: each names another CRUD
// service once, the service has a uuid field for it, and no service depends
// on itself through others.
func (m *Manifest) validateUses() error {
	for _, s := range m.Services {
		for i, dep := range s.Uses {
			d := m.Service(dep)
			switch {
			case dep == s.Name:
				return fmt.Errorf("service %q cannot use itself", s.Name)
			case d == nil:
				return fmt.Errorf("service %q uses unknown service %q; run 'lilith list' to see the services", s.Name, dep)
			case d.Kind != KindCRUD || s.Kind != KindCRUD:
				return fmt.Errorf("service %q uses service %q, but only services added with 'lilith add service' can use one another", s.Name, dep)
			case slices.Contains(s.Uses[:i], dep):
				return fmt.Errorf("service %q uses service %q twice", s.Name, dep)
			}
			ref := RefField(dep)
			if !slices.Contains(s.Fields, Field{Name: ref, Type: "uuid"}) {
				return fmt.Errorf("service %q uses service %q, so it needs the field %s:uuid", s.Name, dep, ref)
			}
		}
	}
	if _, err := m.WiringOrder(); err != nil {
		return err
	}
	return nil
}

// WiringOrder returns the services in an order in which every service comes
// after the services it uses, otherwise in manifest order; it reports a
// cycle of uses as an error that names it.
func (m *Manifest) WiringOrder() ([]Service, error) {
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[string]int{}
	var order []Service
	var visit func(s Service, path []string) error
	visit = func(s Service, path []string) error {
		switch state[s.Name] {
		case done:
			return nil
		case visiting:
			cycle := slices.Concat(path[slices.Index(path, s.Name):], []string{s.Name})
			return fmt.Errorf("services use one another in a cycle: %s; remove one of these uses", strings.Join(cycle, " -> "))
		}
		state[s.Name] = visiting
		for _, dep := range s.Uses {
			if d := m.Service(dep); d != nil {
				if err := visit(*d, slices.Concat(path, []string{s.Name})); err != nil {
					return err
				}
			}
		}
		state[s.Name] = done
		order = append(order, s)
		return nil
	}
	for _, s := range m.Services {
		if err := visit(s, nil); err != nil {
			return nil, err
		}
	}
	return order, nil
}
