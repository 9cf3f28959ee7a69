package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"example.com/shop/internal/ids"
	"example.com/shop/internal/ids/idshttp"
	"example.com/shop/internal/ids/idstest"
	"example.com/shop/internal/platform/postgres/postgrestest"
)

// TestRunServesIDsFromPostgres starts the binary's run against a real
// database and walks /v1/ids through create, get, list, update and delete
// over HTTP.
func TestRunServesIDsFromPostgres(t *testing.T) {
	databaseURL := os.Getenv("DATABASE_URL")
	if databaseURL == "" {
		t.Skip("DATABASE_URL not set: skipping the end-to-end test of /v1/ids on Postgres")
	}
	schemaURL := postgrestest.Schema(t, databaseURL)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stdout syncBuffer
	runErr := make(chan error, 1)
	go func() {
		runErr <- run(ctx, nil, env(map[string]string{"PORT": "0", "APP_ENV": "development", "DATABASE_URL": schemaURL}), &stdout, io.Discard)
	}()
	base := waitListening(t, &stdout, runErr)
	hc := &http.Client{Timeout: requestTimeout}
	waitReady(t, hc, base+"/readyz", runErr)

	// Create with plain HTTP, to see the status and the Location header.
	body, err := json.Marshal(idstest.Sample(1))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := hc.Post(base+"/v1/ids", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var created ids.ID
	err = json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusCreated || resp.Header.Get("Location") != "/v1/ids/"+created.ID.String() {
		t.Fatalf("POST /v1/ids: %d, Location %q, %v", resp.StatusCode, resp.Header.Get("Location"), err)
	}
	assertIDsRows(t, schemaURL, 1)

	// The rest through the Client, as another service would call it.
	client := idshttp.NewClient(base, hc)
	got, err := client.Get(ctx, created.ID)
	if err != nil || got.ID != created.ID || got.UserIDs != created.UserIDs {
		t.Fatalf("Get = %+v, %v; want %+v", got, err, created)
	}
	page, err := client.List(ctx, ids.ListParams{})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != created.ID {
		t.Fatalf("List = %+v, %v; want the created id only", page, err)
	}
	updated, err := client.Update(ctx, created.ID, idstest.Sample(2), created.Version)
	if err != nil || updated.Version != 2 || updated.UserIDs != idstest.Sample(2).UserIDs {
		t.Fatalf("Update = %+v, %v; want version 2 with the new fields", updated, err)
	}
	if _, err := client.Update(ctx, created.ID, idstest.Sample(3), created.Version); !errors.Is(err, ids.ErrConflict) {
		t.Fatalf("Update at the old version: %v, want ErrConflict", err)
	}
	if err := client.Delete(ctx, created.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := client.Get(ctx, created.ID); !errors.Is(err, ids.ErrNotFound) {
		t.Fatalf("Get after Delete: %v, want ErrNotFound", err)
	}
	assertIDsRows(t, schemaURL, 0)

	cancel()
	select {
	case err := <-runErr:
		if err != nil {
			t.Fatalf("run returned %v, want nil", err)
		}
	case <-time.After(waitLimit):
		t.Fatalf("run did not return within %s of cancellation", waitLimit)
	}
}

// assertIDsRows checks how many rows the ids table holds, to prove that
// the server stored them in PostgreSQL rather than in memory.
func assertIDsRows(t *testing.T, databaseURL string, want int) {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), databaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(t.Context(), "SELECT count(*) FROM ids").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Errorf("ids table holds %d rows, want %d", n, want)
	}
}
