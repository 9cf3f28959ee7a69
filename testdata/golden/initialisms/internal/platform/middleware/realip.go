package middleware

import (
	"net/http"
	"net/netip"
	"strings"
)

// RealIP sets r.RemoteAddr to the client IP that the nearest proxy appended
// to X-Forwarded-For; use it only behind such a proxy, as clients can forge the header.
func RealIP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		xff := strings.Join(r.Header.Values("X-Forwarded-For"), ",")
		last := xff[strings.LastIndexByte(xff, ',')+1:]
		if addr, err := netip.ParseAddr(strings.TrimSpace(last)); err == nil {
			r.RemoteAddr = addr.Unmap().String()
		}
		next.ServeHTTP(w, r)
	})
}
