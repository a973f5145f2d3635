package api

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// 科研成果 through the API (docs/research.md section 1), with the storage
// methods and validate rules of the pages: the caller's outputs (all for
// research:read, the departments' for research:read_dept, else their
// own), entry, edit, deletion with a reason and the 科研处's review.

// researchInputBody is an output as sent (POST and PUT).
type researchInputBody struct {
	Kind         string                         `json:"kind"`
	Title        string                         `json:"title"`
	Level        string                         `json:"level,omitempty"`
	Grade        string                         `json:"grade,omitempty"`
	DatedOn      string                         `json:"dated_on,omitempty"`
	Stages       map[string]string              `json:"stages,omitempty"`
	Fields       map[string]string              `json:"fields,omitempty"`
	Contributors []researchContributorInputBody `json:"contributors"`
	NotDuplicate bool                           `json:"not_duplicate,omitempty"`
}

// researchContributorInputBody is a teacher of the school by id, or a person from
// outside by name.
type researchContributorInputBody struct {
	TeacherID int64    `json:"teacher_id,omitempty"`
	Name      string   `json:"name,omitempty"`
	Role      string   `json:"role,omitempty"`
	Share     *float64 `json:"share,omitempty"`
}

// researchReviewBody is the 科研处's decision on an output.
type researchReviewBody struct {
	Decision string `json:"decision"`
	Reason   string `json:"reason,omitempty"`
}

// researchTeachers is whose outputs the caller reads: nil and true for
// the whole school.
func (a *API) researchTeachers(r *http.Request, c *call) ([]int64, bool, error) {
	if a.authz.Can(c.user, "research:read") {
		return nil, true, nil
	}
	var ids []int64
	if c.user.TeacherID != 0 {
		ids = append(ids, c.user.TeacherID)
	}
	if !a.authz.Can(c.user, "research:read_dept") {
		return ids, false, nil
	}
	depts, err := a.st.DepartmentsHeadedBy(r.Context(), c.school, c.user.ID)
	if err != nil {
		return nil, false, err
	}
	more, err := a.st.TeachersOfDepartments(r.Context(), c.school, depts)
	return append(ids, more...), false, err
}

func (a *API) researchList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	f := storage.ResearchFilter{ListQuery: q.list(), Kind: q.str("kind"), Status: q.str("status"), TeacherID: q.id("teacher"), DepartmentID: q.id("department")}
	if y := q.str("year"); y != "" {
		if n, err := strconv.Atoi(y); err == nil && n >= 1950 && n <= 2100 {
			f.Year = n
		} else {
			q.errs = append(q.errs, FieldError{Field: "year", Reason: "应为四位年份，如 2026"})
		}
	}
	if !q.ok(w) {
		return
	}
	ids, all, err := a.researchTeachers(r, c)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	f.Scoped, f.TeacherIDs = !all, ids
	rows, total, err := a.st.ListResearchOutputs(r.Context(), c.school, f)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(orEmpty(rows), total, f.ListQuery))
}

// researchOutput reads the output in the path; outside the caller's reach
// it is not found (404), as another school's is.
func (a *API) researchOutput(w http.ResponseWriter, r *http.Request, c *call) (model.ResearchOutput, bool) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return model.ResearchOutput{}, false
	}
	o, err := a.st.ResearchOutput(r.Context(), c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return o, false
	}
	ids, all, err := a.researchTeachers(r, c)
	if err != nil {
		a.serverError(w, r, err)
		return o, false
	}
	if !all && !slices.ContainsFunc(o.Contributors, func(x model.ResearchContributor) bool { return x.TeacherID != 0 && slices.Contains(ids, x.TeacherID) }) {
		notFound(w)
		return o, false
	}
	return o, true
}

func (a *API) researchShow(w http.ResponseWriter, r *http.Request, c *call) {
	if o, ok := a.researchOutput(w, r, c); ok {
		writeJSON(w, http.StatusOK, o)
	}
}

// researchChangeable reads the output in the path and answers 403 unless
// the caller may change it (model.ResearchOutput.ChangeableBy); a deleted
// output is not found.
func (a *API) researchChangeable(w http.ResponseWriter, r *http.Request, c *call) (model.ResearchOutput, bool) {
	o, ok := a.researchOutput(w, r, c)
	switch {
	case !ok:
	case o.Deleted:
		notFound(w)
	case !o.ChangeableBy(c.user.ID, c.user.TeacherID, a.authz.Can(c.user, "research:review")):
		fail(w, http.StatusForbidden, "已认定的成果请联系科研处修改")
	default:
		return o, true
	}
	return o, false
}

// readResearch decodes and checks a body with the form's rules.
func (a *API) readResearch(w http.ResponseWriter, r *http.Request, c *call) (model.ResearchOutput, researchInputBody, bool) {
	var b researchInputBody
	if !decode(w, r, &b) {
		return model.ResearchOutput{}, b, false
	}
	in := validate.ResearchText{Kind: b.Kind, Title: b.Title, Level: b.Level, Grade: b.Grade, DatedOn: b.DatedOn, Stages: b.Stages, Fields: b.Fields}
	for _, x := range b.Contributors {
		t := validate.ContributorText{Name: x.Name, Role: x.Role}
		if x.TeacherID != 0 {
			t.TeacherID, t.Name = strconv.FormatInt(x.TeacherID, 10), ""
		}
		if x.Share != nil {
			t.Share = strconv.FormatFloat(*x.Share, 'f', -1, 64)
		}
		in.Contributors = append(in.Contributors, t)
	}
	set, err := a.st.ResearchSettings(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return model.ResearchOutput{}, b, false
	}
	var rep fieldReporter
	o := validate.ResearchOutput(in, set, storage.Today(), &rep)
	if len(rep) > 0 {
		invalid(w, rep)
		return o, b, false
	}
	return o, b, true
}

// researchWriteErr answers a write's error: 409 with the matches for a
// duplicate, 422 for another refusal, 404 or 500 otherwise.
func (a *API) researchWriteErr(w http.ResponseWriter, r *http.Request, err error) {
	var dup *storage.ResearchDuplicate
	switch {
	case errors.As(err, &dup):
		// One detail per output it may duplicate: field ident for the same
		// identifier, title for a similar title; the reason names the
		// output's path.
		field := "title"
		if dup.Exact {
			field = "ident"
		}
		d := make([]any, len(dup.Matches))
		for i, m := range dup.Matches {
			d[i] = FieldError{Field: field, Reason: fmt.Sprintf("/research/outputs/%d「%s」", m.ID, m.Title)}
		}
		fail(w, http.StatusConflict, dup.Error(), d...)
	case errors.Is(err, storage.ErrRefused):
		fail(w, http.StatusUnprocessableEntity, err.Error())
	default:
		a.storeErr(w, r, err)
	}
}

func (a *API) researchCreate(w http.ResponseWriter, r *http.Request, c *call) {
	o, b, ok := a.readResearch(w, r, c)
	if !ok {
		return
	}
	if err := a.st.CreateResearchOutput(r.Context(), c.school, c.actor, &o, storage.ResearchWrite{NotDuplicate: b.NotDuplicate}); err != nil {
		a.researchWriteErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, o)
}

func (a *API) researchUpdate(w http.ResponseWriter, r *http.Request, c *call) {
	old, ok := a.researchChangeable(w, r, c)
	if !ok {
		return
	}
	o, _, ok := a.readResearch(w, r, c)
	if !ok {
		return
	}
	o.ID = old.ID
	if err := a.st.UpdateResearchOutput(r.Context(), c.school, c.actor, &o, storage.ResearchWrite{KeepStatus: a.authz.Can(c.user, "research:review")}); err != nil {
		a.researchWriteErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

func (a *API) researchDelete(w http.ResponseWriter, r *http.Request, c *call) {
	o, ok := a.researchChangeable(w, r, c)
	if !ok {
		return
	}
	if err := a.st.DeleteResearchOutput(r.Context(), c.school, c.actor, o.ID, r.URL.Query().Get("reason")); err != nil {
		a.researchWriteErr(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) researchReview(w http.ResponseWriter, r *http.Request, c *call) {
	o, ok := a.researchOutput(w, r, c)
	if !ok {
		return
	}
	var b researchReviewBody
	if !decode(w, r, &b) {
		return
	}
	if b.Decision != "verify" && b.Decision != "reject" {
		invalid(w, []FieldError{{Field: "decision", Reason: "应为 verify 或 reject"}})
		return
	}
	if err := a.st.ReviewResearchOutputs(r.Context(), c.school, c.actor, []int64{o.ID}, b.Decision == "verify", b.Reason); err != nil {
		a.researchWriteErr(w, r, err)
		return
	}
	o, err := a.st.ResearchOutput(r.Context(), c.school, o.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, o)
}
