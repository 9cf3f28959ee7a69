package httpx_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/shop/internal/platform/httpx"
)

// BenchmarkWriteJSON encodes a small response the way every handler does.
func BenchmarkWriteJSON(b *testing.B) {
	v := struct {
		Message string `json:"message"`
		Count   int    `json:"count"`
	}{Message: "Hello, world!", Count: 42}
	b.ReportAllocs()
	for b.Loop() {
		httpx.WriteJSON(httptest.NewRecorder(), http.StatusOK, v)
	}
}

// BenchmarkDecodeJSON decodes a small request body with DecodeJSON's checks:
// media type, unknown fields and trailing data.
func BenchmarkDecodeJSON(b *testing.B) {
	const body = `{"title":"a book","qty":2,"price":9.5}`
	type input struct {
		Title string  `json:"title"`
		Qty   int     `json:"qty"`
		Price float64 `json:"price"`
	}
	rd := strings.NewReader(body)
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Content-Type", "application/json")
	r.Body = io.NopCloser(rd)
	w := httptest.NewRecorder()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		rd.Reset(body)
		var in input
		if err := httpx.DecodeJSON(w, r, &in); err != nil {
			b.Fatal(err)
		}
	}
}
