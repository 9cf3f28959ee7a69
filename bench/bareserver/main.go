// Command bareserver is the baseline of lilith's serving benchmark: a bare
// net/http server that answers GET /v1/hello/{name} with the same JSON as a
// generated project's hello service, and nothing else: no middleware.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
)

type greeting struct {
	Message string `json:"message"`
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8081"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/hello/{name}", func(w http.ResponseWriter, r *http.Request) {
		body, err := json.Marshal(greeting{Message: "Hello, " + r.PathValue("name") + "!"})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(append(body, '\n'))
	})
	err := http.ListenAndServe("127.0.0.1:"+port, mux)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(fmt.Errorf("serve: %w", err))
	}
}
