package app

import (
	"errors"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"example.com/shop/internal/apikeys"
	"example.com/shop/internal/apikeys/apikeyshttp"
	"example.com/shop/internal/apikeys/apikeystest"
	"example.com/shop/internal/ids"
	"example.com/shop/internal/ids/idshttp"
	"example.com/shop/internal/ids/idstest"
	"example.com/shop/internal/urlmaps"
	"example.com/shop/internal/urlmaps/urlmapstest"
)

// TestURLMapsCheckIDID checks that urlmaps.Create accepts the ID of an
// existing idItem as id_id and refuses an unknown one, with ids
// in-process and served over HTTP to the idshttp.Client: moving
// ids into its own deployment changes nothing that urlmaps can see.
func TestURLMapsCheckIDID(t *testing.T) {
	tests := []struct {
		name   string
		remote bool
	}{
		{"in-process", false},
		{"over HTTP", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			idsSvc := ids.NewService(ids.NewMemoryStore(), apikeys.NewService(apikeys.NewMemoryStore()))
			var dep ids.Service = idsSvc
			if tt.remote {
				r := chi.NewRouter()
				r.Mount("/v1/ids", idshttp.Routes(idsSvc, slog.New(slog.DiscardHandler)))
				srv := httptest.NewServer(r)
				t.Cleanup(srv.Close)
				dep = idshttp.NewClient(srv.URL, srv.Client())
			}
			svc := urlmaps.NewService(urlmaps.NewMemoryStore(), dep, apikeys.NewService(apikeys.NewMemoryStore()))

			idItem, err := idsSvc.Create(ctx, idstest.Sample(1))
			if err != nil {
				t.Fatalf("create id: %v", err)
			}
			in := urlmapstest.Sample(1)
			in.IDID = idItem.ID
			if _, err := svc.Create(ctx, in); err != nil {
				t.Fatalf("Create with an existing id_id: %v", err)
			}

			in.IDID = uuid.Must(uuid.NewV7())
			_, err = svc.Create(ctx, in)
			var invalid *urlmaps.ValidationError
			if !errors.As(err, &invalid) || invalid.Field != "id_id" {
				t.Fatalf("Create with an unknown id_id: err = %v, want a *ValidationError for id_id", err)
			}
		})
	}
}

// TestURLMapsCheckAPIKeyID checks that urlmaps.Create accepts the ID of an
// existing apiKey as api_key_id and refuses an unknown one, with apikeys
// in-process and served over HTTP to the apikeyshttp.Client: moving
// apikeys into its own deployment changes nothing that urlmaps can see.
func TestURLMapsCheckAPIKeyID(t *testing.T) {
	tests := []struct {
		name   string
		remote bool
	}{
		{"in-process", false},
		{"over HTTP", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			apiKeysSvc := apikeys.NewService(apikeys.NewMemoryStore())
			var dep apikeys.Service = apiKeysSvc
			if tt.remote {
				r := chi.NewRouter()
				r.Mount("/v1/api-keys", apikeyshttp.Routes(apiKeysSvc, slog.New(slog.DiscardHandler)))
				srv := httptest.NewServer(r)
				t.Cleanup(srv.Close)
				dep = apikeyshttp.NewClient(srv.URL, srv.Client())
			}
			svc := urlmaps.NewService(urlmaps.NewMemoryStore(), ids.NewService(ids.NewMemoryStore(), apikeys.NewService(apikeys.NewMemoryStore())), dep)

			apiKey, err := apiKeysSvc.Create(ctx, apikeystest.Sample(1))
			if err != nil {
				t.Fatalf("create apiKey: %v", err)
			}
			in := urlmapstest.Sample(1)
			in.APIKeyID = apiKey.ID
			if _, err := svc.Create(ctx, in); err != nil {
				t.Fatalf("Create with an existing api_key_id: %v", err)
			}

			in.APIKeyID = uuid.Must(uuid.NewV7())
			_, err = svc.Create(ctx, in)
			var invalid *urlmaps.ValidationError
			if !errors.As(err, &invalid) || invalid.Field != "api_key_id" {
				t.Fatalf("Create with an unknown api_key_id: err = %v, want a *ValidationError for api_key_id", err)
			}
		})
	}
}
