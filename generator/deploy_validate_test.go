package generator

import (
	"strings"
	"testing"
)

func TestValidateDomain(t *testing.T) {
	tests := []struct {
		domain, wantErr string
	}{
		{"api.example.com", ""},
		{"a.b.c.example.co.uk", ""},
		{"xn--bcher-kva.example", ""},
		{"shop-1.example.io", ""},
		{"", "domain is empty"},
		{"localhost", "single label"},
		{"API.example.com", "upper-case"},
		{"*.example.com", "wildcard"},
		{"https://api.example.com", "URL"},
		{"api.example.com:443", "port"},
		{"api..example.com", `label ""`},
		{"api.example.com.", `label ""`},
		{"-api.example.com", `label "-api"`},
		{"api_x.example.com", `label "api_x"`},
		{"10.0.0.1", "IP address"},
		{strings.Repeat("a", 64) + ".example.com", "1 to 63"},
		{strings.Repeat("abcdefghi.", 26) + "com", "more than 253"},
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			checkErr(t, ValidateDomain(tt.domain), tt.wantErr)
		})
	}
}

func TestValidateCloudSQLInstance(t *testing.T) {
	tests := []struct {
		instance, wantErr string
	}{
		{"my-project:europe-west1:main", ""},
		{"my-project-123:us-central1:orders-db", ""},
		{"example.com:my-project:northamerica-northeast1:db1", ""},
		{"", "want the connection name project:region:instance"},
		{"main", "project:region:instance"},
		{"my-project:main", "project:region:instance"},
		{"My-Project:europe-west1:main", "project:region:instance"},
		{"my-project:europe:main", "project:region:instance"},
		{"my-project:europe-west1:", "project:region:instance"},
		{"my-project:europe-west1:main:extra", "project:region:instance"},
		{"p:europe-west1:main", "project:region:instance"},
	}
	for _, tt := range tests {
		t.Run(tt.instance, func(t *testing.T) {
			checkErr(t, ValidateCloudSQLInstance(tt.instance), tt.wantErr)
		})
	}
}

func TestManifestTLS(t *testing.T) {
	m := &Manifest{Name: "shop", Module: "example.com/shop"}
	checkErr(t, m.RemoveTLS(), "TLS is not set up")
	checkErr(t, m.AddTLS(TLS{Issuer: "zerossl", Domain: "api.example.com"}), `unknown TLS issuer "zerossl"; accepted: letsencrypt, letsencrypt-staging`)
	m.Deploy.TLS = nil
	checkErr(t, m.AddTLS(TLS{Issuer: IssuerLetsEncrypt, Domain: "api.example.com"}), "")
	checkErr(t, m.AddTLS(TLS{Issuer: IssuerLetsEncrypt, Domain: "www.example.com"}), "TLS is already set up for api.example.com")

	data, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Deploy.TLS == nil || *back.Deploy.TLS != *m.Deploy.TLS {
		t.Errorf("TLS after a round trip through YAML = %+v, want %+v", back.Deploy.TLS, m.Deploy.TLS)
	}
	checkErr(t, m.RemoveTLS(), "")
	if data, _ := m.Marshal(); strings.Contains(string(data), "deploy") {
		t.Errorf("a manifest without deploy choices writes them:\n%s", data)
	}
	m.Deploy.CloudSQL = "nope"
	checkErr(t, m.Validate(), `deploy.cloudsql: invalid Cloud SQL instance "nope"`)
}

// checkErr fails t unless err is nil (wantErr empty) or contains wantErr.
func checkErr(t *testing.T, err error, wantErr string) {
	t.Helper()
	switch {
	case wantErr == "" && err != nil:
		t.Errorf("unexpected error: %v", err)
	case wantErr != "" && err == nil:
		t.Errorf("no error, want one containing %q", wantErr)
	case wantErr != "" && !strings.Contains(err.Error(), wantErr):
		t.Errorf("error %q, want one containing %q", err, wantErr)
	}
}
