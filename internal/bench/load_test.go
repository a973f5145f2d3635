package bench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestLoadCountsEverything(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%10 == 0 {
			http.Error(w, "boom", 500)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	clients := make([]*http.Client, 8)
	for i := range clients {
		clients[i] = srv.Client()
	}
	res := Load(context.Background(), clients, 0, func(c, i int) *http.Request {
		if i >= 25 {
			return nil
		}
		req, _ := http.NewRequest("GET", srv.URL, nil)
		return req
	}, func(r *http.Response) bool { return r.StatusCode == 200 })
	if res.Requests != 200 || res.Errors != 20 || res.FirstErr == "" || res.P99 < res.P50 || res.PerSecond <= 0 {
		t.Fatalf("%+v", res)
	}
}
