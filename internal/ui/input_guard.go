package ui

import (
	"mime"
	"net/http"
	"strings"

	"zhijiao/internal/validate"
)

// controlMsg is the pages' answer to a control character in the input.
const controlMsg = "输入不能包含控制字符（如 NUL）或无效的字符编码"

// refuseControl is the pages' one check for control characters (and
// broken UTF-8) in text input: the query string of every request and the
// fields of every urlencoded form, keys and values. PostgreSQL refuses
// NUL in text, so such a value once reached the database and answered
// 500; now it answers 400 with a Chinese reason before any handler runs.
// Multipart forms are checked by their handlers after they have set their
// own size limits (controlInForm), and the API checks its JSON itself.
func (s *Server) refuseControl(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		bad := badValues(r.URL.Query())
		if !bad && r.Method == http.MethodPost {
			if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
				if err := r.ParseForm(); err == nil {
					bad = badValues(r.PostForm)
				}
			}
		}
		if bad {
			s.errorPage(w, r, http.StatusBadRequest, controlMsg)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// controlInForm is the same check for a parsed multipart form's fields.
func controlInForm(r *http.Request) string {
	if r.MultipartForm != nil && badValues(r.MultipartForm.Value) {
		return controlMsg
	}
	return ""
}

func badValues(vs map[string][]string) bool {
	for k, xs := range vs {
		if validate.Control(k) != "" {
			return true
		}
		for _, x := range xs {
			if validate.Control(x) != "" {
				return true
			}
		}
	}
	return false
}
