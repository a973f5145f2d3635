package api

import (
	"net/http"

	"zhijiao/internal/auth"
	"zhijiao/internal/storage"
)

// userList lists the school's accounts (user:read: school administrators).
// Password hashes never leave storage's model (json:"-").
func (a *API) userList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	f := storage.UserFilter{ListQuery: q.list(), Role: q.str("role")}
	if f.Role != "" {
		if _, known := auth.RoleNames[f.Role]; !known {
			q.errs = append(q.errs, FieldError{Field: "role", Reason: "未知角色：" + f.Role})
		}
	}
	if !q.ok(w) {
		return
	}
	list, total, err := a.st.Users(r.Context(), c.school, f)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	for i := range list {
		list[i].Roles = orEmpty(list[i].Roles)
	}
	writeJSON(w, http.StatusOK, listOf(list, total, f.ListQuery))
}
