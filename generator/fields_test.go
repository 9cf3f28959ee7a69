package generator

import (
	"strings"
	"testing"
)

func TestParseFieldsGoNames(t *testing.T) {
	tests := []struct {
		spec    string
		wantErr string // "" means valid
	}{
		{"ref_url:string,order_id:uuid,api_key:string", ""},
		{"id:uuid", "reserved"},
		{"i_d:uuid", `fields "id" and "i_d" would both be ID in Go`},
		{"a_b:int,a__b:int", `fields "a_b" and "a__b" would both be AB in Go`},
		{"created__at:time", `fields "created_at" and "created__at" would both be CreatedAt in Go`},
		{"title:string,title:text", "given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			_, err := ParseFields(tt.spec)
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ParseFields(%q) = %v, want error containing %q", tt.spec, err, tt.wantErr)
			}
		})
	}
}

// TestAddServiceNameClashes covers names that differ from those in use but
// would spell the same Go package or the same identifier as something else.
func TestAddServiceNameClashes(t *testing.T) {
	tests := []struct {
		name    string
		wantErr string // "" means accepted
	}{
		{"keys", ""},
		{"apikeys", `clashes with service "api-keys": both would be package apikeys`},
		{"i-ds", `clashes with service "ids"`},
		{"nightlyload", `clashes with job "nightly-load"`},
		{"err-not-founds", "would name its model ErrNotFound"},
		{"default-limits", "would name its model DefaultLimit"},
		{"user-ids", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Manifest{Name: "shop", Module: "example.com/shop",
				Services: []Service{{Name: "ids", Kind: KindCRUD, Store: StoreMemory, Fields: DefaultFields},
					{Name: "api-keys", Kind: KindCRUD, Store: StoreMemory, Fields: DefaultFields}},
				Jobs: []Job{{Name: "nightly-load", Schedule: "@daily"}}}
			err := m.AddService(Service{Name: tt.name, Kind: KindCRUD, Store: StoreMemory, Fields: DefaultFields})
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("AddService(%q) = %v, want error containing %q", tt.name, err, tt.wantErr)
			}
		})
	}
}
