package httpx_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/shop/internal/platform/httpx"
)

type errorResponse struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field"`
	} `json:"error"`
}

func decodeErrorBody(t *testing.T, rec *httptest.ResponseRecorder) errorResponse {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q, want application/json", ct)
	}
	var body errorResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %q is not JSON: %v", rec.Body.String(), err)
	}
	return body
}

func TestWriteJSON(t *testing.T) {
	rec := httptest.NewRecorder()
	httpx.WriteJSON(rec, http.StatusCreated, map[string]int{"n": 1})

	if rec.Code != http.StatusCreated {
		t.Errorf("status = %d, want 201", rec.Code)
	}
	if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
	}
	if got := rec.Body.String(); got != "{\"n\":1}\n" {
		t.Errorf("body = %q", got)
	}
}

func TestWriteJSONPanicsOnUnencodableValue(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("want panic")
		}
	}()
	httpx.WriteJSON(httptest.NewRecorder(), http.StatusOK, make(chan int))
}

func TestErrorShape(t *testing.T) {
	tests := []struct {
		name       string
		write      func(w http.ResponseWriter, r *http.Request)
		wantStatus int
		wantCode   string
		wantMsg    string
		wantField  string
	}{
		{
			name: "WriteError",
			write: func(w http.ResponseWriter, r *http.Request) {
				httpx.WriteError(w, r, http.StatusConflict, "conflict", "already exists")
			},
			wantStatus: http.StatusConflict, wantCode: "conflict", wantMsg: "already exists",
		},
		{
			name:       "NotFound",
			write:      httpx.NotFound,
			wantStatus: http.StatusNotFound, wantCode: "route_not_found", wantMsg: "no such route",
		},
		{
			name:       "MethodNotAllowed",
			write:      httpx.MethodNotAllowed,
			wantStatus: http.StatusMethodNotAllowed, wantCode: "method_not_allowed", wantMsg: "method not allowed",
		},
		{
			name: "Fail with *Error",
			write: func(w http.ResponseWriter, r *http.Request) {
				httpx.Fail(w, r, &httpx.Error{Status: http.StatusTeapot, Code: "teapot", Message: "short and stout", Err: errors.New("secret")})
			},
			wantStatus: http.StatusTeapot, wantCode: "teapot", wantMsg: "short and stout",
		},
		{
			name: "Fail with *Error naming a field",
			write: func(w http.ResponseWriter, r *http.Request) {
				httpx.Fail(w, r, &httpx.Error{Status: http.StatusBadRequest, Code: "invalid_field", Message: "invalid title: must not be empty", Field: "title"})
			},
			wantStatus: http.StatusBadRequest, wantCode: "invalid_field", wantMsg: "invalid title: must not be empty", wantField: "title",
		},
		{
			name:       "Fail with other error hides it",
			write:      func(w http.ResponseWriter, r *http.Request) { httpx.Fail(w, r, errors.New("db password is hunter2")) },
			wantStatus: http.StatusInternalServerError, wantCode: "internal", wantMsg: "internal server error",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tt.write(rec, httptest.NewRequest(http.MethodGet, "/", nil))
			if rec.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			body := decodeErrorBody(t, rec)
			if body.Error.Code != tt.wantCode || body.Error.Message != tt.wantMsg || body.Error.Field != tt.wantField {
				t.Errorf("error = %+v, want code %q message %q field %q", body.Error, tt.wantCode, tt.wantMsg, tt.wantField)
			}
		})
	}
}

func TestDecodeJSON(t *testing.T) {
	type input struct {
		Name string `json:"name"`
		Age  int    `json:"age"`
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		limit       int64
		wantStatus  int // 0 means success
		wantMsg     string
	}{
		{name: "ok", body: `{"name":"ada","age":36}`},
		{name: "ok with charset", contentType: "application/json; charset=utf-8", body: `{"name":"ada"}`},
		{name: "missing content type", contentType: "-", body: `{}`, wantStatus: 415, wantMsg: "Content-Type must be application/json"},
		{name: "form content type", contentType: "text/plain", body: `{}`, wantStatus: 415, wantMsg: "Content-Type must be application/json"},
		{name: "empty", body: ``, wantStatus: 400, wantMsg: "request body must not be empty"},
		{name: "syntax", body: `{"name":}`, wantStatus: 400, wantMsg: "malformed JSON at byte 9"},
		{name: "truncated", body: `{"name":"ada"`, wantStatus: 400, wantMsg: "malformed JSON"},
		{name: "wrong type", body: `{"age":"old"}`, wantStatus: 400, wantMsg: `field "age" must be of type int`},
		{name: "unknown field", body: `{"nmae":"ada"}`, wantStatus: 400, wantMsg: `unknown field "nmae"`},
		{name: "trailing value", body: `{"name":"ada"}{"name":"bob"}`, wantStatus: 400, wantMsg: "request body must contain a single JSON value"},
		{name: "trailing garbage", body: `{"name":"ada"} x`, wantStatus: 400, wantMsg: "request body must contain a single JSON value"},
		{name: "too large", body: `{"name":"` + strings.Repeat("a", 64) + `"}`, limit: 16, wantStatus: 413, wantMsg: "request body must not exceed 16 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			switch tt.contentType {
			case "":
				r.Header.Set("Content-Type", "application/json")
			case "-":
			default:
				r.Header.Set("Content-Type", tt.contentType)
			}
			w := httptest.NewRecorder()
			if tt.limit > 0 {
				r.Body = http.MaxBytesReader(w, r.Body, tt.limit)
			}

			var dst input
			err := httpx.DecodeJSON(w, r, &dst)
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if dst.Name != "ada" {
					t.Errorf("decoded %+v", dst)
				}
				return
			}
			e, ok := errors.AsType[*httpx.Error](err)
			if !ok {
				t.Fatalf("error %v (%T) is not *httpx.Error", err, err)
			}
			if e.Status != tt.wantStatus || e.Message != tt.wantMsg {
				t.Errorf("got %d %q, want %d %q", e.Status, e.Message, tt.wantStatus, tt.wantMsg)
			}
		})
	}
}
