package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// env is two fixture schools behind the real handler, with an API token
// for every fixture account.
type env struct {
	t      *testing.T
	st     *storage.Storage
	h      http.Handler
	a, b   *testfix.School
	tokens map[string]string // "a1/head_teacher" → zj_…
	tokIDs map[string]int64
}

// sessionHeader stands in for the web session in tests: the handler's
// sessionUser reads the user id from it, as ui.Server reads its cookie.
const sessionHeader = "X-Test-Session-User"

func newEnv(t *testing.T, st *storage.Storage) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{t: t, st: st, tokens: map[string]string{}, tokIDs: map[string]int64{}}
	e.a = testfix.Build(t, st, "a1", true)
	e.b = testfix.Build(t, st, "b1", false)
	authz, err := auth.LoadAuthorizer(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*testfix.School{e.a, e.b} {
		for key, u := range f.Users {
			e.tokens[f.School.Code+"/"+key], e.tokIDs[f.School.Code+"/"+key] = e.newToken(u)
		}
	}
	e.h = New(st, authz, func(r *http.Request) *model.User {
		id, _ := strconv.ParseInt(r.Header.Get(sessionHeader), 10, 64)
		if id == 0 {
			return nil
		}
		u, err := st.UserByID(r.Context(), id)
		if err != nil || u.Disabled {
			return nil
		}
		return &u
	})
	return e
}

// each runs fn on both engines with a fresh env.
func each(t *testing.T, fn func(t *testing.T, e *env)) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) { fn(t, newEnv(t, st)) })
}

func (e *env) newToken(u model.User) (string, int64) {
	e.t.Helper()
	tok, prefix, hash := auth.NewAPIToken()
	at := model.APIToken{UserID: u.ID, Name: "测试", Prefix: prefix}
	if err := e.st.CreateAPIToken(context.Background(), u.SchoolID, model.SystemActor, &at, hash); err != nil {
		e.t.Fatal(err)
	}
	return tok, at.ID
}

// resp is a recorded answer with helpers to read it.
type resp struct {
	*httptest.ResponseRecorder
	t *testing.T
}

func (r resp) json() map[string]any {
	r.t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body.Bytes(), &m); err != nil {
		r.t.Fatalf("response is not a JSON object: %v: %s", err, r.Body.String())
	}
	return m
}

// ids reads the "id" of every item of a list answer.
func (r resp) ids() []int64 {
	r.t.Helper()
	var out []int64
	for _, it := range r.json()["items"].([]any) {
		out = append(out, int64(it.(map[string]any)["id"].(float64)))
	}
	slices.Sort(out)
	return out
}

// do sends a request with a bearer token ("" for none). body is nil, a
// string of raw JSON, or a value to marshal.
func (e *env) do(method, path, token string, body any, hdr ...string) resp {
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		raw = j
	}
	req := httptest.NewRequest(method, Prefix+path, bytes.NewReader(raw))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, req)
	conform(e.t, req, raw, w)
	return resp{w, e.t}
}

// upload posts a file as the multipart field "file".
func (e *env) upload(path, token string, data []byte) resp {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "名单.csv")
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest("POST", Prefix+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	body := buf.Bytes()
	req.Body = io.NopCloser(bytes.NewReader(body))
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, req)
	conform(e.t, req, body, w)
	return resp{w, e.t}
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// want fails unless the status is as expected, showing the body.
func (r resp) want(status int, what string) resp {
	r.t.Helper()
	if r.Code != status {
		r.t.Errorf("%s: status %d, want %d: %s", what, r.Code, status, strings.TrimSpace(r.Body.String()))
	}
	return r
}
