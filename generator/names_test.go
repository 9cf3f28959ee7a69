package generator

import (
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
