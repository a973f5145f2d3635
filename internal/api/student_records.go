package api

import (
	"errors"
	"net/http"
	"unicode/utf8"

	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// A student's guardians and 学籍 history are part of the student's record:
// whoever may see the student sees them, and numbers follow the
// single-record rule of the student page (whole only with student:read_id).

func (a *API) studentGuardians(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	s, ok := a.loadStudent(w, r, c)
	if !ok {
		return
	}
	gs, err := a.st.GuardiansOf(r.Context(), c.school, s.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	whole := a.wholeIDs(c)
	for i := range gs {
		gs[i] = maskGuardian(gs[i], whole)
	}
	writeJSON(w, http.StatusOK, page(orEmpty(gs), l))
}

func (a *API) studentEnrollment(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	s, ok := a.loadStudent(w, r, c)
	if !ok {
		return
	}
	h, err := a.st.EnrollmentHistory(r.Context(), c.school, s.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page(orEmpty(h), l))
}

// enrollmentRequest is the body of POST /students/{id}/enrollment.
type enrollmentRequest struct {
	Status        model.EnrollmentStatus `json:"status"`
	EffectiveDate string                 `json:"effective_date"`
	Reason        string                 `json:"reason"`
}

// studentEnrollmentChange records a dated 学籍 change (休学, 复学 back to
// 在籍, 转出 …) as a new history row; history is never rewritten.
func (a *API) studentEnrollmentChange(w http.ResponseWriter, r *http.Request, c *call) {
	s, ok := a.loadStudent(w, r, c)
	if !ok {
		return
	}
	var in enrollmentRequest
	if !decode(w, r, &in) {
		return
	}
	var errs []FieldError
	if !in.Status.Valid() {
		errs = append(errs, FieldError{Field: "status", Reason: "学籍状态应为 在籍、休学、退学、转出 或 毕业"})
	}
	if !isDate(in.EffectiveDate) {
		errs = append(errs, FieldError{Field: "effective_date", Reason: "变动日期应为 YYYY-MM-DD 格式的有效日期"})
	} else if r := validate.ChangeDates.Check(in.EffectiveDate); r != "" {
		errs = append(errs, FieldError{Field: "effective_date", Reason: r})
	}
	if utf8.RuneCountInString(in.Reason) > 200 {
		errs = append(errs, FieldError{Field: "reason", Reason: "变动原因最多200个字"})
	}
	if len(errs) > 0 {
		invalid(w, errs)
		return
	}
	ctx := r.Context()
	if err := a.st.ChangeEnrollment(ctx, c.school, c.actor, s.ID, in.Status, in.EffectiveDate, in.Reason); err != nil {
		a.storeErr(w, r, err)
		return
	}
	h, err := a.st.EnrollmentHistory(ctx, c.school, s.ID)
	if err == nil && len(h) == 0 {
		err = errors.New("enrollment history empty after a change")
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	last := h[0]
	for _, e := range h {
		if e.ID > last.ID {
			last = e
		}
	}
	writeJSON(w, http.StatusCreated, last)
}
