package generator

import (
	"strings"
	"testing"
)

// splitManifest is a project whose invoices use orders, both in Postgres.
func splitManifest() *Manifest {
	return &Manifest{
		Name: "shop", Module: "example.com/shop",
		Services: []Service{
			{Name: "hello", Kind: KindHello},
			{Name: "orders", Kind: KindCRUD, Store: StorePostgres, Fields: []Field{{Name: "title", Type: "string"}}},
			{Name: "invoices", Kind: KindCRUD, Store: StorePostgres, Fields: []Field{{Name: "order_id", Type: "uuid"}}, Uses: []string{"orders"}},
		},
	}
}

func TestSplitAndJoin(t *testing.T) {
	m := splitManifest()
	if err := m.Split("orders"); err != nil {
		t.Fatal(err)
	}
	if !m.Service("orders").Split {
		t.Fatal("Split did not record split: true")
	}
	for _, tt := range []struct {
		name string
		do   func(*Manifest) error
		want string
	}{
		{"split twice", func(m *Manifest) error { return m.Split("orders") }, `service "orders" is already split`},
		{"split unknown", func(m *Manifest) error { return m.Split("customers") }, `no service "customers"`},
		{"split hello", func(m *Manifest) error { return m.Split("hello") }, `service "hello" of kind hello cannot be split`},
		{"join unsplit", func(m *Manifest) error { return m.Join("invoices") }, `service "invoices" is not split`},
		{"join unknown", func(m *Manifest) error { return m.Join("customers") }, `no service "customers"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.do(m); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
	if err := m.Join("orders"); err != nil || m.Service("orders").Split {
		t.Fatalf("Join = %v, split = %v; want nil, false", err, m.Service("orders").Split)
	}
	if data, err := m.Marshal(); err != nil || strings.Contains(string(data), "split") {
		t.Errorf("a joined service leaves split in the manifest: %v\n%s", err, data)
	}
	hello := splitManifest()
	hello.Services[0].Split = true
	if err := hello.Validate(); err == nil || !strings.Contains(err.Error(), "cannot be split") {
		t.Errorf("Validate of a split hello service = %v, want an error", err)
	}
}

func TestSplitData(t *testing.T) {
	m := splitManifest()
	m.Services = append(m.Services, Service{Name: "payments", Kind: KindCRUD, Store: StoreMemory,
		Fields: []Field{{Name: "invoice_id", Type: "uuid"}}, Uses: []string{"invoices"}})
	for _, name := range []string{"orders", "payments"} {
		if err := m.Split(name); err != nil {
			t.Fatal(err)
		}
	}
	p := newProjectData(m)
	var split []string
	for _, s := range p.Split {
		split = append(split, s.Name)
	}
	if strings.Join(split, ",") != "orders,payments" || p.Split[0].LocalPort != 8090 || p.Split[1].LocalPort != 8091 {
		t.Fatalf("split %q with ports %d, %d; want orders on 8090, payments on 8091", split, p.Split[0].LocalPort, p.Split[1].LocalPort)
	}
	steps := func(ws []wireStep) string {
		var out []string
		for _, w := range ws {
			s := w.Name
			if w.Remote {
				s += " remote"
			}
			if w.Mount {
				s += " mounted"
			}
			out = append(out, s)
		}
		return strings.Join(out, ", ")
	}
	for _, tt := range []struct {
		name string
		got  []wireStep
		want string
	}{
		{"monolith", p.Monolith, "hello mounted, orders remote mounted, invoices mounted, payments remote mounted"},
		{"orders alone", p.Split[0].Alone, "orders mounted"},
		// payments uses invoices, which uses orders: invoices is built in
		// its binary, orders is called where ORDERS_URL says.
		{"payments alone", p.Split[1].Alone, "orders remote, invoices, payments mounted"},
	} {
		if got := steps(tt.got); got != tt.want {
			t.Errorf("%s builds %q, want %q", tt.name, got, tt.want)
		}
	}
	if deps := p.Split[0].Dependents; len(deps) != 1 || deps[0].Name != "invoices" || deps[0].Field.Name != "order_id" {
		t.Errorf("dependents of orders: %+v, want invoices through order_id", deps)
	}
}

func TestCheckSplit(t *testing.T) {
	clean := map[string]string{
		"cmd/shop/main.go":                          "package main\n\nimport _ \"example.com/shop/internal/app\"\n",
		"internal/app/wire_orders.go":               "package app\n\nimport _ \"example.com/shop/internal/orders/orderspg\"\n",
		"internal/orders/orders.go":                 "package orders\n",
		"internal/orders/orderspg/orderspg.go":      "package orderspg\n\nimport _ \"example.com/shop/internal/orders\"\n\nconst q = `SELECT id FROM orders`\n",
		"internal/invoices/service.go":              "package invoices\n\n// Create reads the order from orders.Service.\nimport _ \"example.com/shop/internal/orders\"\n\nconst msg = \"update orders first\"\n",
		"internal/invoices/invoicespg/store.go":     "package invoicespg\n\nconst q = `SELECT id FROM invoices JOIN orders_archive ON true`\n",
		"internal/invoices/invoicespg/m/1_init.sql": "CREATE TABLE invoices (id uuid, order_id uuid);\n",
		"internal/invoices/testdata/x.go":           "package x\n\nimport _ \"example.com/shop/internal/orders/orderspg\"\n",
		"cmd/nightly-load/main.go":                  "package main\n\nimport _ \"example.com/shop/internal/orders/orderspg\"\n",
		"internal/jobs/load/load.go":                "package load\n\nconst q = `DELETE FROM orders`\n",
		"internal/orders/orderstest/orderstest.go":  "package orderstest\n",
		"internal/invoices/service_test.go":         "package invoices_test\n\nimport _ \"example.com/shop/internal/invoices\"\n",
	}
	tests := []struct {
		name  string
		add   map[string]string
		files map[string]string // recorded as written by lilith
		want  string            // "" means no error
	}{
		{name: "clean"},
		{name: "a dependent imports an adapter", add: map[string]string{
			"internal/invoices/reach.go": "package invoices\n\nimport _ \"example.com/shop/internal/orders/ordershttp\"\n",
		}, want: "cannot split orders: internal/invoices/reach.go imports example.com/shop/internal/orders/ordershttp, which only orders, internal/app and cmd/ may import"},
		{name: "a test of another service imports the test suite", add: map[string]string{
			"internal/invoices/invoicespg/store_test.go": "package invoicespg_test\n\nimport _ \"example.com/shop/internal/orders/orderstest\"\n",
		}, want: "internal/invoices/invoicespg/store_test.go imports example.com/shop/internal/orders/orderstest"},
		{name: "orders imports a service it does not use", add: map[string]string{
			"internal/orders/more.go": "package orders\n\nimport _ \"example.com/shop/internal/invoices\"\n",
		}, want: "internal/orders/more.go imports example.com/shop/internal/invoices, but the root package of a service imports of the project only the services it uses"},
		{name: "platform imports orders", add: map[string]string{
			"internal/platform/x/x.go": "package x\n\nimport _ \"example.com/shop/internal/orders\"\n",
		}, want: "internal/platform imports no service"},
		{name: "two violations", add: map[string]string{
			"internal/invoices/a.go": "package invoices\n\nimport _ \"example.com/shop/internal/orders/orderspg\"\n",
			"internal/invoices/b.go": "package invoices\n\nimport _ \"example.com/shop/internal/orders/orderspg\"\n",
		}, want: "internal/invoices/a.go imports example.com/shop/internal/orders/orderspg, which only orders, internal/app and cmd/ may import (the rules of internal/app/arch_test.go); a service that runs on its own is reached only through its Service interface (and 1 more)"},
		{name: "another service's migration references its table", add: map[string]string{
			"internal/invoices/invoicespg/m/2_fk.sql": "ALTER TABLE invoices ADD FOREIGN KEY (order_id) REFERENCES orders (id);\n",
		}, want: "internal/invoices/invoicespg/m/2_fk.sql names the table orders"},
		{name: "another service's Go code queries its table", add: map[string]string{
			"internal/invoices/invoicespg/q.go": "package invoicespg\n\nconst q = `\n\tSELECT count(*) FROM public.\"orders\" WHERE id = $1`\n",
		}, want: "internal/invoices/invoicespg/q.go names the table orders"},
		{name: "a stray file in cmd/orders", add: map[string]string{"cmd/orders/tool.go": "package main\n"},
			want: "cmd/orders/tool.go exists and lilith did not write it"},
		{name: "lilith's own files in cmd/orders", add: map[string]string{"cmd/orders/main.go": "package main\n"},
			files: map[string]string{"cmd/orders/main.go": "0123456789abcdef"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			files := map[string][]byte{}
			for p, s := range clean {
				files[p] = []byte(s)
			}
			for p, s := range tt.add {
				files[p] = []byte(s)
			}
			writeFiles(t, root, files)
			m := splitManifest()
			m.Files = tt.files
			err := CheckSplit(root, m, "orders")
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("CheckSplit = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("CheckSplit = %v, want an error containing %q", err, tt.want)
			case err != nil && strings.Contains(err.Error(), "\n"):
				t.Errorf("CheckSplit's error has more than one line: %q", err)
			}
		})
	}
}
