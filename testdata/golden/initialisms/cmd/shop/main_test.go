package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's concurrent log writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func env(kv map[string]string) func(string) string {
	return func(key string) string { return kv[key] }
}

// waitLimit bounds each wait of these tests for the server: to be ready, to
// stop, to log. The waits end as soon as what they wait for happens, so the
// bound only needs to be long enough for a loaded machine (-race, many test
// binaries at once) never to fail a test that would pass.
const waitLimit = 30 * time.Second

// requestTimeout bounds each HTTP request of these tests.
const requestTimeout = 10 * time.Second

// listeningURL returns the base URL, on the loopback interface, of the
// address named by the first "listening" line of logs, or "" while logs hold
// no such line. The tests start servers with PORT=0: the kernel picks a free
// port as the server binds it, so no other process can take it first, as it
// could a port picked before the start, and the server names it in this line
// once its listener is bound.
func listeningURL(logs string) string {
	for line := range strings.Lines(logs) {
		var rec struct{ Msg, Addr string }
		if !strings.HasSuffix(line, "\n") || json.Unmarshal([]byte(line), &rec) != nil || rec.Msg != "listening" {
			continue // an incomplete line, another line, or not a log line at all
		}
		if _, port, err := net.SplitHostPort(rec.Addr); err == nil {
			return "http://" + net.JoinHostPort("127.0.0.1", port)
		}
	}
	return ""
}

// waitListening waits until run logs to logs that it listens, or waitLimit
// passes, and returns the base URL it listens at.
func waitListening(t *testing.T, logs *syncBuffer, runErr <-chan error) string {
	t.Helper()
	for deadline := time.Now().Add(waitLimit); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		select {
		case err := <-runErr:
			t.Fatalf("run returned before it listened: %v\n%s", err, logs)
		default:
		}
		if base := listeningURL(logs.String()); base != "" {
			return base
		}
	}
	t.Fatalf("run did not log that it listens within %s:\n%s", waitLimit, logs)
	return ""
}

// waitReady polls url until it answers 200 or waitLimit passes.
func waitReady(t *testing.T, client *http.Client, url string, runErr <-chan error) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		select {
		case err := <-runErr:
			t.Fatalf("run returned early: %v", err)
		default:
		}
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s not ready within %s", url, waitLimit)
}

func TestRunServesAndShutsDownCleanly(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stdout, stderr syncBuffer
	runErr := make(chan error, 1)
	go func() {
		runErr <- run(ctx, nil, env(map[string]string{"PORT": "0", "APP_ENV": "development", "SHUTDOWN_TIMEOUT": "5s"}), &stdout, &stderr)
	}()

	base := waitListening(t, &stdout, runErr)
	client := &http.Client{Timeout: requestTimeout}
	waitReady(t, client, base+"/healthz", runErr)

	resp, err := client.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct{ Status string }
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || got.Status != "ok" {
		t.Fatalf("GET /readyz: got %d %+v, want 200 ok", resp.StatusCode, got)
	}

	cancel()
	select {
	case err := <-runErr:
		if err != nil {
			t.Fatalf("run returned %v, want nil", err)
		}
	case <-time.After(waitLimit):
		t.Fatalf("run did not return within %s of cancellation", waitLimit)
	}
	logs := stdout.String()
	for _, want := range []string{`"msg":"listening"`, `"msg":"request"`, `"msg":"stopped"`, `"app":"shop"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s:\n%s", want, logs)
		}
	}
	if stderr.String() != "" {
		t.Errorf("unexpected stderr: %s", stderr.String())
	}
}

func TestRunDrainsInFlightRequests(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stdout syncBuffer
	runErr := make(chan error, 1)
	go func() {
		// Draining may take as long as the test may wait, however slow the machine.
		runErr <- run(ctx, nil, env(map[string]string{"PORT": "0", "APP_ENV": "development", "SHUTDOWN_TIMEOUT": waitLimit.String()}), &stdout, io.Discard)
	}()
	base := waitListening(t, &stdout, runErr)
	client := &http.Client{Timeout: requestTimeout}
	waitReady(t, client, base+"/healthz", runErr)

	// The server reads the body it was promised before it sends the response,
	// so this request stays in flight until the test writes that body.
	pr, pw := io.Pipe()
	req, err := http.NewRequest(http.MethodGet, base+"/readyz", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = 1
	defer pw.Close()
	respErr := make(chan error, 1)
	go func() {
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("status %d, want 200", resp.StatusCode)
			}
		}
		respErr <- err
	}()
	waitFor(t, "the handler to run", func() bool { return strings.Contains(stdout.String(), `"path":"/readyz"`) })

	cancel()
	// run must not return while the request is in flight. A slow machine
	// can only make this check weaker, never fail it.
	select {
	case err := <-runErr:
		t.Fatalf("run returned %v while a request was in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	if _, err := pw.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := <-respErr; err != nil {
		t.Errorf("in-flight request: %v", err)
	}
	select {
	case err := <-runErr:
		if err != nil {
			t.Fatalf("run returned %v, want nil", err)
		}
	case <-time.After(waitLimit):
		t.Fatalf("run did not return within %s after the in-flight request finished", waitLimit)
	}
}

// waitFor polls cond until it holds or waitLimit passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(waitLimit); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestRunRejectsBadInput(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		wantErr   []string // substrings; nil means run must return nil
		wantUsage bool
	}{
		{name: "help", args: []string{"-h"}, wantUsage: true},
		{name: "unknown flag", args: []string{"-nope"}, wantErr: []string{"flag provided but not defined: -nope"}, wantUsage: true},
		{name: "stray argument", args: []string{"serve"}, wantErr: []string{`unexpected arguments: ["serve"]`}},
		{name: "invalid config names every variable", env: map[string]string{"PORT": "abc", "LOG_LEVEL": "loud"},
			wantErr: []string{"PORT", "abc", "LOG_LEVEL", "loud"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr syncBuffer
			err := run(t.Context(), tt.args, env(tt.env), &stdout, &stderr)
			if tt.wantErr == nil && err != nil {
				t.Fatalf("run = %v, want nil", err)
			}
			if tt.wantErr != nil && err == nil {
				t.Fatal("run = nil, want an error")
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name %q", err, want)
				}
			}
			if gotUsage := strings.Contains(stderr.String(), "Usage:"); gotUsage != tt.wantUsage {
				t.Errorf("usage printed = %v, want %v; stderr: %s", gotUsage, tt.wantUsage, stderr.String())
			}
		})
	}
}

func TestRunFailsWhenPortIsTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	err = run(t.Context(), nil, env(map[string]string{"PORT": port, "APP_ENV": "development"}), io.Discard, io.Discard)
	if !errors.Is(err, syscall.EADDRINUSE) {
		t.Fatalf("run = %v, want address in use", err)
	}
}
