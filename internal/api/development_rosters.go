package api

import (
	"errors"
	"fmt"
	"net/http"

	"zhijiao/internal/importer"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// A training roster through the API (docs/teachers.md section 1.3): the
// course and its teachers by 工号 and 姓名, all or nothing, as the .xlsx
// import; and the 人事处's record of an enterprise's confirmation.

// developmentRosterBody is one course and the teachers who completed it.
type developmentRosterBody struct {
	Course   developmentInputBody         `json:"course"`
	Teachers []developmentRosterEntryBody `json:"teachers"`
}

// developmentRosterEntryBody names one teacher by 工号, or by a name only
// one teacher of the school has.
type developmentRosterEntryBody struct {
	StaffNo string `json:"staff_no,omitempty"`
	Name    string `json:"name,omitempty"`
}

// developmentRosterResult is the batch an accepted roster wrote.
type developmentRosterResult struct {
	BatchID int64 `json:"batch_id"`
	Records int   `json:"records"`
}

// developmentConfirmBody names who confirmed a practice period at the
// enterprise.
type developmentConfirmBody struct {
	ConfirmedBy string `json:"confirmed_by"`
}

func (a *API) developmentRoster(w http.ResponseWriter, r *http.Request, c *call) {
	var b developmentRosterBody
	if !decode(w, r, &b) {
		return
	}
	course, ok := a.checkDevelopment(w, b.Course)
	if !ok {
		return
	}
	if !teacherdev.Kind(course.Kind).Training() {
		invalid(w, []FieldError{{Field: "course.kind", Reason: "名单导入只用于培训类记录"}})
		return
	}
	teachers, err := a.st.DevelopmentTeachers(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	var rows []storage.DevelopmentRosterRow
	var bad []FieldError
	for i, e := range b.Teachers {
		id, why := importer.RosterTeacher(e.StaffNo, e.Name, teachers)
		if why != "" {
			bad = append(bad, FieldError{Field: fmt.Sprintf("teachers[%d]", i), Reason: why})
			continue
		}
		rows = append(rows, storage.DevelopmentRosterRow{Row: i + 1, TeacherID: id})
	}
	if len(bad) > 0 {
		invalid(w, bad)
		return
	}
	batch, err := a.st.ImportDevelopmentRoster(r.Context(), c.school, c.actor, course, rows)
	if errors.Is(err, storage.ErrRefused) {
		fail(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, developmentRosterResult{BatchID: batch, Records: len(rows)})
}

func (a *API) developmentConfirm(w http.ResponseWriter, r *http.Request, c *call) {
	d, ok := a.developmentRecord(w, r, c)
	if !ok {
		return
	}
	var b developmentConfirmBody
	if !decode(w, r, &b) {
		return
	}
	if err := a.st.ConfirmEnterprisePractice(r.Context(), c.school, c.actor, d.ID, b.ConfirmedBy); err != nil {
		a.researchWriteErr(w, r, err)
		return
	}
	a.developmentRespond(w, r, c, d.ID, http.StatusOK)
}
