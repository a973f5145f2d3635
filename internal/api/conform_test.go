package api

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// Every request the API tests send, and every answer, is checked against
// the served OpenAPI document: a field the document calls required but a
// response leaves out, or a request body the document would refuse while
// the server takes it, fails the test that made it. That keeps the
// document from drifting away from the code.

var (
	specOnce   sync.Once
	specRouter routers.Router
	specErr    error
)

func openAPIRouter() (routers.Router, error) {
	specOnce.Do(func() {
		w := httptest.NewRecorder()
		New(nil, nil, nil).ServeHTTP(w, httptest.NewRequest("GET", Prefix+"/openapi.json", nil))
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(w.Body.Bytes())
		if err != nil {
			specErr = err
			return
		}
		if err := doc.Validate(context.Background()); err != nil {
			specErr = err
			return
		}
		specRouter, specErr = legacy.NewRouter(doc)
	})
	return specRouter, specErr
}

// conform checks one exchange. body is the request body as sent (nil for
// none). Requests are checked only when the server accepted them (2xx):
// tests send wrong bodies on purpose to see them refused.
func conform(t *testing.T, req *http.Request, body []byte, w *httptest.ResponseRecorder) {
	t.Helper()
	rt, err := openAPIRouter()
	if err != nil {
		t.Fatalf("the OpenAPI document does not load: %v", err)
	}
	// The router matches against the document's server URL, a path.
	r := req.Clone(req.Context())
	r.URL.Scheme, r.URL.Host, r.Host = "", "", ""
	route, params, err := rt.FindRoute(r)
	if err != nil {
		if w.Code == http.StatusNotFound || w.Code == http.StatusMethodNotAllowed {
			return // a path the API does not have, tried on purpose
		}
		t.Errorf("%s %s answered %d but is not in the OpenAPI document: %v", req.Method, req.URL.Path, w.Code, err)
		return
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts}
	ctx := context.Background()
	if w.Code/100 == 2 {
		r.Body = io.NopCloser(bytes.NewReader(body))
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			t.Errorf("%s %s: the server took a request the OpenAPI document refuses: %v", req.Method, req.URL.Path, err)
		}
	}
	ropts := *opts
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		ropts.ExcludeResponseBody = true // files (xlsx, csv, pdf) are checked by type only
	}
	rin := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: w.Code, Header: w.Header(),
		Body: io.NopCloser(bytes.NewReader(w.Body.Bytes())), Options: &ropts}
	if err := openapi3filter.ValidateResponse(ctx, rin); err != nil {
		t.Errorf("%s %s %d: the answer does not match the OpenAPI document: %v", req.Method, req.URL.Path, w.Code, err)
	}
}
