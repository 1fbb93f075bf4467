// The Go reference subject of the benchmark: a hello in Go's `net/http`, no framework,
// answering GET / with the JSON body the twins' hello answers. The body is serialised on
// every request, as the Python apps do.
//
// Build: go build -o DIR/hello-go tools/bench/reference/hello.go
// Usage: DIR/hello-go PORT   (listens on 127.0.0.1; SIGTERM stops it)
package main

import (
	"encoding/json"
	"log"
	"net"
	"net/http"
	"os"
)

func hello(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || r.URL.Path != "/" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"detail":"Not Found"}`))
		return
	}
	body, err := json.Marshal(map[string]string{"Hello": "World"})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func main() {
	port := os.Getenv("PORT")
	if len(os.Args) > 1 {
		port = os.Args[1]
	}
	if port == "" {
		port = "3000"
	}
	listener, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("go hello listening on http://%s", listener.Addr())
	log.Fatal(http.Serve(listener, http.HandlerFunc(hello)))
}
