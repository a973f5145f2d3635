package api

import (
	"net/http"

	"zhijiao/internal/storage"
)

// auditList reads the append-only audit log of the school, newest first.
// from/to bound the time (to is exclusive; a bare date includes that day).
func (a *API) auditList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	f := storage.AuditFilter{ListQuery: q.list(), Entity: q.str("entity"), Action: q.str("action"), UserID: q.id("user"),
		From: q.date("from", false), To: q.date("to", true)}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		q.errs = append(q.errs, FieldError{Field: "to", Reason: "结束时间应晚于开始时间"})
	}
	if !q.ok(w) {
		return
	}
	list, total, err := a.st.AuditLog(r.Context(), c.school, f)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(list, total, f.ListQuery))
}
