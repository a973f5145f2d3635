package ui_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zhijiao/internal/api"
	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/testdb"
	"zhijiao/internal/ui"
)

// TestAPIMountedWithCSRFRules: the API under the site answers bearer-token
// calls even when the browser marks them cross-site (a page cannot attach
// that header), while cookie-authenticated cross-site writes are refused.
func TestAPIMountedWithCSRFRules(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	h, err := ui.New(context.Background(), st, ui.Options{API: func(a *auth.Authorizer, su func(*http.Request) *model.User) http.Handler {
		return api.New(st, a, su)
	}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h.Handler())
	defer srv.Close()
	admin := s.a.Users[model.RoleSchoolAdmin]
	tok, prefix, hash := auth.NewAPIToken()
	if err := st.CreateAPIToken(context.Background(), s.a.School.ID, model.SystemActor, &model.APIToken{UserID: admin.ID, Name: "t", Prefix: prefix}, hash); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/tokens", strings.NewReader(`{"name":"脚本"}`))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// It reaches the API, which refuses it for its own reason: a token
	// does not mint tokens.
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "令牌不能创建") {
		t.Fatalf("bearer POST marked cross-site: %d %s", resp.StatusCode, b)
	}
	// The same request with only a session cookie is refused.
	c := s.login(t, "admin@a1")
	c.base = srv.URL
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/api/v1/tokens", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	for _, ck := range c.http.Jar.Cookies(mustURL(s.srv.URL)) {
		req.AddCookie(ck)
	}
	code, _, _ := c.do(req)
	if code != http.StatusForbidden {
		t.Fatalf("cookie POST marked cross-site: %d", code)
	}
	if code, body := c.get("/api/v1/openapi.json"); code != 200 || !strings.Contains(body, "openapi") {
		t.Fatalf("openapi.json through the site: %d", code)
	}
}
