package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"unicode"

	"zhijiao/internal/importer"
	"zhijiao/internal/roster"
)

// TestOpenAPIMatchesRoutes: the route table (which the mux registers) and
// the document describe exactly the same operations.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	routes := map[string]route{}
	for _, rt := range routeTable() {
		k := rt.Method + " " + rt.Path
		if _, dup := routes[k]; dup {
			t.Errorf("route %s registered twice", k)
		}
		routes[k] = rt
		if !rt.Public && rt.Perm == "" {
			t.Errorf("%s has no permission", k)
		}
	}
	// The served document, not just the Go map.
	h := New(nil, nil, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", Prefix+"/openapi.json", nil))
	if w.Code != 200 {
		t.Fatalf("openapi.json: %d %s", w.Code, w.Body.String())
	}
	var doc struct {
		OpenAPI    string                               `json:"openapi"`
		Paths      map[string]map[string]map[string]any `json:"paths"`
		Components struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m, op := range ops {
			k := strings.ToUpper(m) + " " + p
			documented[k] = true
			if _, ok := routes[k]; !ok {
				t.Errorf("documented but not routed: %s", k)
			}
			for _, f := range []string{"summary", "description"} {
				if s, _ := op[f].(string); !hasHan(s) {
					t.Errorf("%s: %s missing or not Chinese", k, f)
				}
			}
			if rt := routes[k]; !rt.Public && op["x-permission"] != rt.Perm {
				t.Errorf("%s: documented permission %v, routed %s", k, op["x-permission"], rt.Perm)
			}
			for _, p := range op["parameters"].([]any) {
				if d, _ := p.(map[string]any)["description"].(string); !hasHan(d) {
					t.Errorf("%s: parameter %v without Chinese description", k, p)
				}
			}
			for code, r := range op["responses"].(map[string]any) {
				if d, _ := r.(map[string]any)["description"].(string); !hasHan(d) {
					t.Errorf("%s: response %s without description", k, code)
				}
			}
		}
	}
	for k := range routes {
		if !documented[k] {
			t.Errorf("routed but not documented: %s", k)
		}
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	// Every schema and property is described, and every $ref resolves.
	for name, s := range doc.Components.Schemas {
		if d, _ := s["description"].(string); !hasHan(d) {
			t.Errorf("schema %s has no Chinese description", name)
		}
		props, _ := s["properties"].(map[string]any)
		for p, v := range props {
			if d, _ := v.(map[string]any)["description"].(string); !hasHan(d) {
				t.Errorf("schema %s property %s has no Chinese description", name, p)
			}
		}
	}
	for _, ref := range refs(w.Body.String()) {
		if _, ok := doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]; !ok {
			t.Errorf("dangling $ref %s", ref)
		}
	}
}

// TestRoutesAreServed proves each table entry is live in the mux: without
// credentials every route answers 401 (the public one 200), never the
// mux's 404 or 405.
func TestRoutesAreServed(t *testing.T) {
	h := New(nil, nil, nil)
	for _, rt := range routeTable() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(rt.Method, Prefix+strings.ReplaceAll(rt.Path, "{id}", "1"), nil))
		want := http.StatusUnauthorized
		if rt.Public {
			want = http.StatusOK
		}
		if w.Code != want {
			t.Errorf("%s %s: %d, want %d", rt.Method, rt.Path, w.Code, want)
		}
	}
}

// TestImportPermissionsMatchImporter keeps the import routes' permissions
// equal to the ones the import page uses.
func TestImportPermissionsMatchImporter(t *testing.T) {
	seen := 0
	for _, rt := range routeTable() {
		if k, ok := strings.CutPrefix(rt.Path, "/import/"); ok {
			seen++
			if want := importer.Kinds[roster.Kind(k)]; rt.Perm != want {
				t.Errorf("%s: %s, importer says %s", rt.Path, rt.Perm, want)
			}
		}
	}
	if seen != len(importer.Kinds) {
		t.Errorf("%d import routes for %d kinds", seen, len(importer.Kinds))
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func refs(doc string) []string {
	var out []string
	for _, part := range strings.Split(doc, `"$ref":"`)[1:] {
		out = append(out, part[:strings.Index(part, `"`)])
	}
	sort.Strings(out)
	return out
}
