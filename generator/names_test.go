package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestValidateName(t *testing.T) {
	tests := []struct {
		name    string
		wantErr string // "" means valid
	}{
		{"shop", ""},
		{"my-shop", ""},
		{"a1", ""},
		{strings.Repeat("a", 63), ""},
		{"", "name is empty"},
		{"my shop", "white space"},
		{"a/b", "path separator"},
		{`a\b`, "path separator"},
		{"..", `".."`},
		{"-shop", "starts with a dash"},
		{"1shop", "starts with a digit"},
		{"Shop", "upper-case"},
		{"func", "Go keyword"},
		{"go-to", "Go keyword"}, // its package name would be "goto"
		{strings.Repeat("a", 64), "64 characters long"},
		{"shop-", "ends with a dash"},
		{"a--b", "two dashes"},
		{"sh_op", `contains '_'`},
		{"shöp", `contains 'ö'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateName("project", tt.name)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ValidateName(%q) = %v, want nil", tt.name, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ValidateName(%q) = nil, want error containing %q", tt.name, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "DNS label") {
				t.Errorf("ValidateName(%q) = %q, want it to contain %q and say what is accepted", tt.name, err, tt.wantErr)
			}
		})
	}
}

func TestValidateModule(t *testing.T) {
	tests := []struct {
		path    string
		wantErr string
	}{
		{"example.com/shop", ""},
		{"github.com/you/shop/v2", ""},
		{"", "empty"},
		{"shop", "missing dot"},
		{"example.com/a b", "invalid char"},
		{"/example.com/shop", "empty path element"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			err := ValidateModule(tt.path)
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ValidateModule(%q) = %v, want error containing %q", tt.path, err, tt.wantErr)
			}
		})
	}
}

func TestDerivedNames(t *testing.T) {
	tests := []struct{ in, pkg, exported, local, env string }{
		{"shop", "shop", "Shop", "shop", "SHOP"},
		{"nightly-load", "nightlyload", "NightlyLoad", "nightlyLoad", "NIGHTLY_LOAD"},
		{"a1-b2", "a1b2", "A1B2", "a1B2", "A1_B2"},
		{"api-keys", "apikeys", "APIKeys", "apiKeys", "API_KEYS"},
		{"order-items", "orderitems", "OrderItems", "orderItems", "ORDER_ITEMS"},
		{"id", "id", "ID", "id", "ID"},
		{"ids", "ids", "IDs", "ids", "IDS"},
		{"url", "url", "URL", "url", "URL"},
		{"http-api", "httpapi", "HTTPAPI", "httpAPI", "HTTP_API"},
		{"user-ids", "userids", "UserIDs", "userIDs", "USER_IDS"},
		{"http2-proxy", "http2proxy", "HTTP2Proxy", "http2Proxy", "HTTP2_PROXY"},
		{"utf8-text", "utf8text", "UTF8Text", "utf8Text", "UTF8_TEXT"},
		{"idle-vms", "idlevms", "IdleVMs", "idleVMs", "IDLE_VMS"},
		{"ideas", "ideas", "Ideas", "ideas", "IDEAS"}, // a word that starts like an initialism
		{"uid-map", "uidmap", "UIDMap", "uidMap", "UID_MAP"},
	}
	for _, tt := range tests {
		got := []string{PackageName(tt.in), ExportedName(tt.in), LocalName(tt.in), EnvName(tt.in)}
		want := []string{tt.pkg, tt.exported, tt.local, tt.env}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("names of %q = %q, want %q", tt.in, got, want)
				break
			}
		}
	}
}

// TestGoNames covers the Go names of fields, whose words are separated by
// underscores: every initialism staticcheck knows is in upper case, or in
// lower case at the start of a local name.
func TestGoNames(t *testing.T) {
	tests := []struct{ in, exported, local string }{
		{"due_date", "DueDate", "dueDate"},
		{"order_id", "OrderID", "orderID"},
		{"ref_url", "RefURL", "refURL"},
		{"api_key", "APIKey", "apiKey"},
		{"json", "JSON", "json"},
		{"raw_json_blob", "RawJSONBlob", "rawJSONBlob"},
		{"server_ip", "ServerIP", "serverIP"},
		{"sql_query", "SQLQuery", "sqlQuery"},
		{"uuid", "UUID", "uuid"},
		{"tcp_udp_dns", "TCPUDPDNS", "tcpUDPDNS"},
		{"html_xml", "HTMLXML", "htmlXML"},
		{"tls_ttl", "TLSTTL", "tlsTTL"},
		{"ui_cpu", "UICPU", "uiCPU"},
		{"eof_acl_ascii", "EOFACLASCII", "eofACLASCII"},
		{"qps_ram_rpc", "QPSRAMRPC", "qpsRAMRPC"},
		{"sla_smtp_ssh", "SLASMTPSSH", "slaSMTPSSH"},
		{"uri_utf8_vm", "URIUTF8VM", "uriUTF8VM"},
		{"xsrf_xss", "XSRFXSS", "xsrfXSS"},
		{"https_url", "HTTPSURL", "httpsURL"},
		{"parent_ids", "ParentIDs", "parentIDs"},
		{"idea", "Idea", "idea"},
		{"a__b_", "AB", "aB"},
		{"x1_y2", "X1Y2", "x1Y2"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := ExportedName(tt.in); got != tt.exported {
			t.Errorf("ExportedName(%q) = %q, want %q", tt.in, got, tt.exported)
		}
		if got := LocalName(tt.in); got != tt.local {
			t.Errorf("LocalName(%q) = %q, want %q", tt.in, got, tt.local)
		}
	}
}

// TestLegacyName pins the spelling of stored names, such as Datastore
// kinds, that must not follow the Go spelling of initialisms.
func TestLegacyName(t *testing.T) {
	for in, want := range map[string]string{"order": "Order", "api-key": "ApiKey", "id": "Id", "order-item": "OrderItem"} {
		if got := legacyName(in); got != want {
			t.Errorf("legacyName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTemplateLocals renders CRUD services of every store, using one another,
// split and loaded by a job, and checks that every one-word local identifier
// of their code (variables, parameters, imported packages) is in
// templateLocals, so that ModelLocalName never picks a name that the code
// around a model's local name already uses.
func TestTemplateLocals(t *testing.T) {
	fields := []Field{{Name: "title", Type: "string"}, {Name: "meta", Type: "json"}, {Name: "due", Type: "time"}}
	m := &Manifest{Name: "shop", Module: "example.com/shop",
		Services: []Service{
			{Name: "orders", Kind: KindCRUD, Store: StorePostgres, Fields: fields, Split: true},
			{Name: "users", Kind: KindCRUD, Store: StoreDatastore, Fields: fields},
			{Name: "notes", Kind: KindCRUD, Store: StoreMemory, Uses: []string{"orders", "users"},
				Fields: WithRefFields(fields, []string{"orders", "users"}), Split: true},
		},
		Jobs: []Job{{Name: "load", Schedule: "@daily", Service: "notes"}},
	}
	files, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	own := regexp.MustCompile(`^(order|user|note)s?(ds|http|pg|test|svc|in|base)?$`)
	word := regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	scoped := regexp.MustCompile(`(^|/)(orders|users|notes)(/|\.go$|_test\.go$)|_(orders|users|notes)(_test)?\.go$|^internal/jobs/`)
	for _, p := range SortedPaths(files) {
		if !strings.HasSuffix(p, ".go") || !scoped.MatchString(p) {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, files[p], 0)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var name string
			switch n := n.(type) {
			case *ast.Ident:
				if n.Obj != nil && n.Obj.Kind == ast.Var {
					name = n.Name
				}
			case *ast.ImportSpec:
				name = path.Base(strings.Trim(n.Path.Value, `"`))
				if n.Name != nil {
					name = n.Name.Name
				}
			}
			if word.MatchString(name) && !own.MatchString(name) && !slices.Contains(templateLocals, name) {
				t.Errorf("%s declares or imports %s, which templateLocals lacks", p, name)
			}
			return true
		})
	}
}

func TestModelLocalName(t *testing.T) {
	for in, want := range map[string]string{"order": "order", "api-key": "apiKey", "id": "idItem", "uuid": "uuidItem", "key": "keyItem", "url-map": "urlMap"} {
		if got := ModelLocalName(in); got != want {
			t.Errorf("ModelLocalName(%q) = %q, want %q", in, got, want)
		}
	}
}
