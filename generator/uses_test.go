package generator

import (
	"slices"
	"strings"
	"testing"
)

// crud returns a memory CRUD service called name that uses the services in
// uses, with the reference field of each.
func crud(name string, uses ...string) Service {
	return Service{Name: name, Kind: KindCRUD, Store: StoreMemory, Fields: WithRefFields(DefaultFields, uses), Uses: uses}
}

func usesManifest(services ...Service) *Manifest {
	return &Manifest{Name: "shop", Module: "example.com/shop", Services: services}
}

func TestValidateUses(t *testing.T) {
	noRef := crud("invoices", "orders")
	noRef.Fields = DefaultFields
	hello := Service{Name: "hello", Kind: KindHello}
	tests := []struct {
		name    string
		m       *Manifest
		wantErr string // "" means valid
	}{
		{"no uses", usesManifest(crud("orders"), crud("invoices")), ""},
		{"uses a service added earlier", usesManifest(crud("orders"), crud("invoices", "orders")), ""},
		{"uses a service added later", usesManifest(crud("invoices", "orders"), crud("orders")), ""},
		{"unknown service", usesManifest(crud("invoices", "orders")), `service "invoices" uses unknown service "orders"`},
		{"itself", usesManifest(crud("orders", "orders")), `service "orders" cannot use itself`},
		{"twice", usesManifest(crud("orders"), crud("invoices", "orders", "orders")), `service "invoices" uses service "orders" twice`},
		{"a hello service", usesManifest(hello, crud("invoices", "hello")), "only services added with 'lilith add service' can use one another"},
		{"without the reference field", usesManifest(crud("orders"), noRef), `service "invoices" uses service "orders", so it needs the field order_id:uuid`},
		{"a cycle of two", usesManifest(crud("orders", "invoices"), crud("invoices", "orders")),
			"services use one another in a cycle: orders -> invoices -> orders; remove one of these uses"},
		{"a cycle of three", usesManifest(crud("a", "c"), crud("b", "a"), crud("c", "b")),
			"services use one another in a cycle: a -> c -> b -> a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.m.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Validate = %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestWiringOrder(t *testing.T) {
	tests := []struct {
		name     string
		services []Service
		want     []string
	}{
		{"manifest order without uses", []Service{crud("b"), crud("a")}, []string{"b", "a"}},
		{"a dependency first", []Service{crud("invoices", "orders"), crud("orders")}, []string{"orders", "invoices"}},
		{"a chain", []Service{crud("payments", "invoices"), crud("invoices", "orders"), crud("orders")}, []string{"orders", "invoices", "payments"}},
		{"shared dependency once", []Service{crud("x", "z", "y"), crud("y", "z"), crud("z")}, []string{"z", "y", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order, err := usesManifest(tt.services...).WiringOrder()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range order {
				got = append(got, s.Name)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("WiringOrder = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWithRefFields(t *testing.T) {
	tests := []struct {
		name   string
		fields []Field
		uses   []string
		want   []Field
	}{
		{"none", DefaultFields, nil, DefaultFields},
		{"appended", DefaultFields, []string{"orders", "order-items"},
			[]Field{{Name: "name", Type: "string"}, {Name: "order_id", Type: "uuid"}, {Name: "order_item_id", Type: "uuid"}}},
		{"already given", []Field{{Name: "order_id", Type: "uuid"}, {Name: "name", Type: "string"}}, []string{"orders"},
			[]Field{{Name: "order_id", Type: "uuid"}, {Name: "name", Type: "string"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WithRefFields(tt.fields, tt.uses); !slices.Equal(got, tt.want) {
				t.Errorf("WithRefFields = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRemoveUsedService(t *testing.T) {
	m := usesManifest(crud("orders"), crud("invoices", "orders"))
	err := m.RemoveService("orders")
	want := `service "invoices" uses service "orders"; run 'lilith remove service invoices' first`
	if err == nil || err.Error() != want {
		t.Fatalf("RemoveService = %v, want %q", err, want)
	}
	if err := m.RemoveService("invoices"); err != nil {
		t.Fatal(err)
	}
	if err := m.RemoveService("orders"); err != nil {
		t.Fatal(err)
	}
}
