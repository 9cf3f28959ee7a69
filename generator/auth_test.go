package generator

import (
	"strings"
	"testing"
)

func TestAuthValidate(t *testing.T) {
	tests := []struct {
		name    string
		auth    Auth
		wantErr string // "" means valid
	}{
		{"firebase", Auth{Provider: ProviderFirebase, Project: "demo"}, ""},
		{"firebase without project", Auth{Provider: ProviderFirebase}, "provider firebase needs project"},
		{"firebase with an issuer", Auth{Provider: ProviderFirebase, Project: "demo", Issuer: "https://a.example"}, "provider firebase takes no issuer"},
		{"firebase bad project", Auth{Provider: ProviderFirebase, Project: "Demo"}, "not a Google Cloud project ID"},
		{"cognito", Auth{Provider: ProviderCognito, Region: "eu-west-1", UserPool: "eu-west-1_AbC123", Audience: "client"}, ""},
		{"cognito pool of another region", Auth{Provider: ProviderCognito, Region: "eu-west-1", UserPool: "us-east-1_AbC123", Audience: "client"}, "of region eu-west-1"},
		{"cognito without client", Auth{Provider: ProviderCognito, Region: "eu-west-1", UserPool: "eu-west-1_AbC123"}, "needs audience"},
		{"oidc", Auth{Provider: ProviderOIDC, Issuer: "https://id.example.com", Audience: "api"}, ""},
		{"oidc on localhost over http", Auth{Provider: ProviderOIDC, Issuer: "http://localhost:8900", Audience: "api"}, ""},
		{"oidc over http", Auth{Provider: ProviderOIDC, Issuer: "http://id.example.com", Audience: "api"}, "must use https"},
		{"oidc with a query", Auth{Provider: ProviderOIDC, Issuer: "https://id.example.com/?x=1", Audience: "api"}, "not an absolute URL"},
		{"oidc audience with a quote", Auth{Provider: ProviderOIDC, Issuer: "https://id.example.com", Audience: `a"b`}, "without spaces or quotes"},
		{"jwt without keys", Auth{Provider: ProviderJWT, Issuer: "https://id.example.com", Audience: "api"}, ""},
		{"jwt with keys", Auth{Provider: ProviderJWT, Issuer: "https://id.example.com", Audience: "api", JWKSURL: "https://id.example.com/keys"}, ""},
		{"oidc with keys", Auth{Provider: ProviderOIDC, Issuer: "https://id.example.com", Audience: "api", JWKSURL: "https://id.example.com/keys"}, "takes no jwks_url"},
		{"unknown provider", Auth{Provider: "auth0"}, `unknown auth provider "auth0"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.auth.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Validate = %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestAuthDefaults(t *testing.T) {
	tests := []struct {
		auth                 Auth
		issuer, aud, jwksURL string
	}{
		{Auth{Provider: ProviderFirebase, Project: "demo"}, "https://securetoken.google.com/demo", "demo", FirebaseJWKSURL},
		{Auth{Provider: ProviderCognito, Region: "eu-west-1", UserPool: "eu-west-1_X", Audience: "c"},
			"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X", "c", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X/.well-known/jwks.json"},
		{Auth{Provider: ProviderOIDC, Issuer: "https://id.example.com", Audience: "api"}, "https://id.example.com", "api", ""},
	}
	for _, tt := range tests {
		t.Run(tt.auth.Provider, func(t *testing.T) {
			iss, aud, jwks := tt.auth.Defaults()
			if iss != tt.issuer || aud != tt.aud || jwks != tt.jwksURL {
				t.Errorf("Defaults = %q, %q, %q; want %q, %q, %q", iss, aud, jwks, tt.issuer, tt.aud, tt.jwksURL)
			}
		})
	}
}

func TestManifestAuth(t *testing.T) {
	m := &Manifest{Name: "shop", Module: "example.com/shop"}
	svc := Service{Name: "orders", Kind: KindCRUD, Store: StoreMemory, Fields: DefaultFields, Auth: &ServiceAuth{}}
	if err := m.AddService(svc); err == nil || !strings.Contains(err.Error(), "run 'lilith add auth") {
		t.Errorf("a protected service without auth: %v", err)
	}
	m.Services = nil
	if err := m.AddAuth(Auth{Provider: ProviderFirebase, Project: "demo"}); err != nil {
		t.Fatal(err)
	}
	if err := m.AddAuth(Auth{Provider: ProviderFirebase, Project: "other"}); err == nil {
		t.Error("a second AddAuth succeeded")
	}
	if err := m.AddService(svc); err != nil {
		t.Fatal(err)
	}
	if err := m.RemoveAuth(); err == nil || !strings.Contains(err.Error(), "run 'lilith remove service orders' first") {
		t.Errorf("RemoveAuth with a protected service: %v", err)
	}
	hello := Service{Name: "hi", Kind: KindHello, Auth: &ServiceAuth{}}
	if err := m.AddService(hello); err == nil {
		t.Error("a protected hello service was accepted")
	}
}
