package tagshttp

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"example.com/shop/internal/platform/middleware"
	"example.com/shop/internal/tags"
)

// maxErrorBody bounds how much of an error response the Client reads.
const maxErrorBody = 64 << 10

// envURL is the variable from which internal/app reads the base URL of a
// split tags service.
const envURL = "TAGS_URL"

// Defaults of a new Client.
const (
	// DefaultTimeout bounds each attempt of a request.
	DefaultTimeout = 10 * time.Second
	// DefaultAttempts is how often an idempotent request is tried in all.
	DefaultAttempts = 3
	// DefaultBackoff is the wait before the first retry; it doubles after each.
	DefaultBackoff = 100 * time.Millisecond
)

// Client calls the tags endpoints of a server and implements
// tags.Service: it turns error responses back into tags.ErrNotFound,
// tags.ErrConflict and *tags.ValidationError. A 404 route_not_found,
// from a server that does not serve /v1/tags, is never tags.ErrNotFound
// but an error that names the URL and TAGS_URL: the base URL is wrong.
//
// Every request carries the request ID and the Authorization header that
// the context holds (see the middleware package). GET, PUT and DELETE are
// retried with exponential backoff after a connection error or a 502, 503
// or 504; POST never is, since it could create an item twice.
type Client struct {
	// Timeout bounds each attempt of a request; 0 means none.
	Timeout time.Duration
	// Attempts is how often an idempotent request is tried in all; below 1
	// means once.
	Attempts int
	// Backoff is the wait before the first retry; it doubles after each.
	Backoff time.Duration

	baseURL string
	hc      *http.Client
}

// NewClient returns a Client for the server at baseURL, such as
// "http://localhost:8080", that sends its requests with hc, with
// DefaultTimeout, DefaultAttempts and DefaultBackoff. A nil hc means
// http.DefaultClient.
func NewClient(baseURL string, hc *http.Client) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{
		Timeout: DefaultTimeout, Attempts: DefaultAttempts, Backoff: DefaultBackoff,
		baseURL: strings.TrimSuffix(baseURL, "/") + basePath, hc: hc,
	}
}

var _ tags.Service = (*Client)(nil)

// List returns a page of tags oldest first.
func (c *Client) List(ctx context.Context, p tags.ListParams) (tags.Page, error) {
	q := url.Values{}
	if p.Limit != 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	if p.Cursor != uuid.Nil {
		q.Set("cursor", p.Cursor.String())
	}
	var page tags.Page
	if err := c.do(ctx, http.MethodGet, "?"+q.Encode(), nil, &page); err != nil {
		return tags.Page{}, fmt.Errorf("list tags after %s: %w", p.Cursor, err)
	}
	return page, nil
}

// Get returns the tagItem id.
func (c *Client) Get(ctx context.Context, id uuid.UUID) (tags.Tag, error) {
	var tagItem tags.Tag
	if err := c.do(ctx, http.MethodGet, "/"+id.String(), nil, &tagItem); err != nil {
		return tags.Tag{}, fmt.Errorf("get tag %s: %w", id, err)
	}
	return tagItem, nil
}

// Create validates in, then asks the server to store it as a new tagItem.
func (c *Client) Create(ctx context.Context, in tags.Input) (tags.Tag, error) {
	if err := in.Validate(); err != nil {
		return tags.Tag{}, err
	}
	var tagItem tags.Tag
	if err := c.do(ctx, http.MethodPost, "", in, &tagItem); err != nil {
		return tags.Tag{}, fmt.Errorf("create tag: %w", err)
	}
	return tagItem, nil
}

// Update validates in, then asks the server to replace the fields of tagItem
// id if it is still at version.
func (c *Client) Update(ctx context.Context, id uuid.UUID, in tags.Input, version int64) (tags.Tag, error) {
	if err := in.Validate(); err != nil {
		return tags.Tag{}, err
	}
	var tagItem tags.Tag
	if err := c.do(ctx, http.MethodPut, "/"+id.String(), updateRequest{Input: in, Version: version}, &tagItem); err != nil {
		return tags.Tag{}, fmt.Errorf("update tag %s at version %d: %w", id, version, err)
	}
	return tagItem, nil
}

// Delete removes tagItem id.
func (c *Client) Delete(ctx context.Context, id uuid.UUID) error {
	if err := c.do(ctx, http.MethodDelete, "/"+id.String(), nil, nil); err != nil {
		return fmt.Errorf("delete tag %s: %w", id, err)
	}
	return nil
}

// do sends body, if any, as JSON to path under the base URL and decodes a
// successful response into out, if any, retrying idempotent methods after
// failures that retryable reports.
func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("encode request: %w", err)
		}
	}
	attempts := 1
	if method != http.MethodPost {
		attempts = max(c.Attempts, 1)
	}
	backoff := c.Backoff
	for attempt := 1; ; attempt++ {
		err := c.try(ctx, method, path, payload, out)
		if attempt == attempts || !retryable(ctx, err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(backoff):
		}
		backoff *= 2
	}
}

// try makes one attempt of a request, bounded by the Client's Timeout.
func (c *Client) try(ctx context.Context, method, path string, payload []byte, out any) error {
	parent := ctx
	if c.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.Timeout)
		defer cancel()
	}
	var reqBody io.Reader
	if payload != nil {
		reqBody = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, reqBody)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if reqBody != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if id := middleware.RequestIDFrom(parent); id != "" {
		req.Header.Set(middleware.RequestIDHeader, id)
	}
	if auth := middleware.AuthorizationFrom(parent); auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return &transportError{err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return responseError(resp)
	}
	if out == nil {
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("decode response to %s %s: %w", method, req.URL.Path, err)
	}
	return nil
}

// transportError is a request that got no response: the connection failed
// or the attempt timed out.
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// statusError is an error response that the service's errors do not cover.
type statusError struct {
	method, path string
	status       int
	message      string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%s %s: status %d: %s", e.method, e.path, e.status, e.message)
}

// routeError is a 404 from a server that has no route for the request: the
// base URL points at a server that does not serve /v1/tags.
type routeError struct {
	method, url string
}

func (e *routeError) Error() string {
	return fmt.Sprintf("%s %s: status 404 route_not_found: the server there does not serve /v1/tags; "+
		"is the base URL (%s) the address of the tags service?", e.method, e.url, envURL)
}

// retryable reports whether err, from an attempt made within ctx, is worth
// another attempt: no response, or a gateway or availability error, while
// the caller still waits.
func retryable(ctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil {
		return false
	}
	var te *transportError
	var se *statusError
	switch {
	case errors.As(err, &te):
		return true
	case errors.As(err, &se):
		return se.status == http.StatusBadGateway || se.status == http.StatusServiceUnavailable || se.status == http.StatusGatewayTimeout
	}
	return false
}

// responseError turns an error response into the error the service would
// have returned in-process, or into an error naming the status.
func responseError(resp *http.Response) error {
	var body struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
			Field   string `json:"field"`
		} `json:"error"`
	}
	_ = json.NewDecoder(io.LimitReader(resp.Body, maxErrorBody)).Decode(&body) // a proxy's error page is not JSON
	e := body.Error
	switch {
	case resp.StatusCode == http.StatusNotFound && e.Code == "not_found":
		return tags.ErrNotFound
	case resp.StatusCode == http.StatusNotFound && e.Code == "route_not_found":
		return &routeError{method: resp.Request.Method, url: resp.Request.URL.Redacted()}
	case resp.StatusCode == http.StatusConflict && e.Code == "conflict":
		return tags.ErrConflict
	case resp.StatusCode == http.StatusBadRequest && e.Code == "invalid_field":
		return &tags.ValidationError{Field: e.Field, Message: strings.TrimPrefix(e.Message, "invalid "+e.Field+": ")}
	}
	return &statusError{method: resp.Request.Method, path: resp.Request.URL.Path, status: resp.StatusCode,
		message: cmp.Or(e.Message, http.StatusText(resp.StatusCode))}
}
