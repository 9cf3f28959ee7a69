package ordershttp

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"example.com/shop/internal/orders"
)

// maxErrorBody bounds how much of an error response the Client reads.
const maxErrorBody = 64 << 10

// Client calls the orders endpoints of a server and implements
// orders.Service: it turns error responses back into orders.ErrNotFound,
// orders.ErrConflict and *orders.ValidationError.
type Client struct {
	baseURL string
	hc      *http.Client
}

// NewClient returns a Client for the server at baseURL, such as
// "http://localhost:8080", that sends its requests with hc; give hc a
// Timeout. A nil hc means http.DefaultClient.
func NewClient(baseURL string, hc *http.Client) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{baseURL: strings.TrimSuffix(baseURL, "/") + basePath, hc: hc}
}

var _ orders.Service = (*Client)(nil)

// List returns a page of orders oldest first.
func (c *Client) List(ctx context.Context, p orders.ListParams) (orders.Page, error) {
	q := url.Values{}
	if p.Limit != 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	if p.Cursor != uuid.Nil {
		q.Set("cursor", p.Cursor.String())
	}
	var page orders.Page
	if err := c.do(ctx, http.MethodGet, "?"+q.Encode(), nil, &page); err != nil {
		return orders.Page{}, fmt.Errorf("list orders after %s: %w", p.Cursor, err)
	}
	return page, nil
}

// Get returns the order id.
func (c *Client) Get(ctx context.Context, id uuid.UUID) (orders.Order, error) {
	var order orders.Order
	if err := c.do(ctx, http.MethodGet, "/"+id.String(), nil, &order); err != nil {
		return orders.Order{}, fmt.Errorf("get order %s: %w", id, err)
	}
	return order, nil
}

// Create validates in, then asks the server to store it as a new order.
func (c *Client) Create(ctx context.Context, in orders.Input) (orders.Order, error) {
	if err := in.Validate(); err != nil {
		return orders.Order{}, err
	}
	var order orders.Order
	if err := c.do(ctx, http.MethodPost, "", in, &order); err != nil {
		return orders.Order{}, fmt.Errorf("create order: %w", err)
	}
	return order, nil
}

// Update validates in, then asks the server to replace the fields of order
// id if it is still at version.
func (c *Client) Update(ctx context.Context, id uuid.UUID, in orders.Input, version int64) (orders.Order, error) {
	if err := in.Validate(); err != nil {
		return orders.Order{}, err
	}
	var order orders.Order
	if err := c.do(ctx, http.MethodPut, "/"+id.String(), updateRequest{Input: in, Version: version}, &order); err != nil {
		return orders.Order{}, fmt.Errorf("update order %s at version %d: %w", id, version, err)
	}
	return order, nil
}

// Delete removes order id.
func (c *Client) Delete(ctx context.Context, id uuid.UUID) error {
	if err := c.do(ctx, http.MethodDelete, "/"+id.String(), nil, nil); err != nil {
		return fmt.Errorf("delete order %s: %w", id, err)
	}
	return nil
}

// do sends body, if any, as JSON to path under the base URL and decodes a
// successful response into out, if any.
func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var reqBody io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("encode request: %w", err)
		}
		reqBody = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, reqBody)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
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
		return orders.ErrNotFound
	case resp.StatusCode == http.StatusConflict && e.Code == "conflict":
		return orders.ErrConflict
	case resp.StatusCode == http.StatusBadRequest && e.Code == "invalid_field":
		return &orders.ValidationError{Field: e.Field, Message: strings.TrimPrefix(e.Message, "invalid "+e.Field+": ")}
	}
	return fmt.Errorf("%s %s: status %d: %s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode,
		cmp.Or(e.Message, http.StatusText(resp.StatusCode)))
}
