package api

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// 德育 records through the API (docs/conduct.md section 2): the school's
// descriptors, the records of the caller's remit, and a batch, with the
// storage methods and validate rules of the record page.

// conductClasses is where the caller records (read false) or reads: nil
// and true for the whole school (conduct.WholeSchool, or for reading
// conduct.ReadsWholeSchool: never the student council), else the classes
// they head.
func (a *API) conductClasses(r *http.Request, c *call, read bool) ([]int64, bool, error) {
	if (!read && conduct.WholeSchool(c.user.Roles)) || conduct.ReadsWholeSchool(c.user.Roles) {
		return nil, true, nil
	}
	if c.user.TeacherID == 0 || !slices.Contains(c.user.Roles, model.RoleHeadTeacher) {
		return nil, false, nil
	}
	cls, err := a.st.ClassesOfHeadTeacher(r.Context(), c.school, c.user.TeacherID)
	return cls, false, err
}

func (a *API) conductDescriptors(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	ds, err := a.st.UsableDescriptors(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page(orEmpty(ds), l))
}

func (a *API) conductList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	f := storage.ConductFilter{ListQuery: q.list(), ClassID: q.id("class"), StudentID: q.id("student")}
	switch aw := q.str("awaiting"); aw {
	case "":
	case conduct.AwaitConfirm, conduct.AwaitApprove:
		f.Awaiting = []string{aw}
	default:
		q.errs = append(q.errs, FieldError{Field: "awaiting", Reason: "应为 confirm 或 approve"})
	}
	if !q.ok(w) {
		return
	}
	cls, all, err := a.conductClasses(r, c, true)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	f.Scoped, f.ClassIDs = !all, cls
	rows, total, err := a.st.ListConduct(r.Context(), c.school, f)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := make([]conductRecord, len(rows))
	for i, x := range rows {
		out[i] = conductRecord{ID: x.ID, StudentID: x.StudentID, StudentNo: x.StudentNo, StudentName: x.StudentName, ClassID: x.ClassID, ClassName: x.ClassName,
			TermID: x.TermID, Title: x.Title, Category: x.Category, Points: x.Points, Date: x.Date, Status: x.Status, Awaiting: x.Awaiting,
			RecorderRole: x.RecorderRole, RecorderName: x.RecorderName, Deleted: x.Deleted, DescriptorID: x.DescriptorID, Note: x.Note, ReviewReason: x.ReviewReason}
	}
	writeJSON(w, http.StatusOK, listOf(out, total, f.ListQuery))
}

// conductRecord is one behaviour record as the API lists it.
type conductRecord struct {
	ID           int64                `json:"id"`
	StudentID    int64                `json:"student_id"`
	StudentNo    string               `json:"student_no"`
	StudentName  string               `json:"student_name"`
	ClassID      int64                `json:"class_id"`
	ClassName    string               `json:"class_name"`
	TermID       int64                `json:"term_id"`
	Title        string               `json:"title"`
	Category     string               `json:"category"`
	Points       float64              `json:"points"`
	Date         string               `json:"date"`
	Status       model.EvidenceStatus `json:"status"`
	Awaiting     string               `json:"awaiting,omitempty"`
	RecorderRole string               `json:"recorder_role,omitempty"`
	RecorderName string               `json:"recorder_name,omitempty"`
	Deleted      bool                 `json:"deleted,omitempty"`
	DescriptorID int64                `json:"descriptor_id,omitempty"`
	Note         string               `json:"note,omitempty"`
	ReviewReason string               `json:"review_reason,omitempty"`
}

// conductBatch is the body of POST /conduct/records.
type conductBatch struct {
	StudentIDs   []int64 `json:"student_ids"`
	DescriptorID int64   `json:"descriptor_id"`
	Note         string  `json:"note,omitempty"`
}

// conductRecorded is the answer: the records written, with their status.
type conductRecorded struct {
	Records []conductWritten `json:"records"`
}

type conductWritten struct {
	ID        int64                `json:"id"`
	StudentID int64                `json:"student_id"`
	Status    model.EvidenceStatus `json:"status"`
}

// conductCreate records one descriptor for some students in one
// transaction. Students outside the caller's remit, a descriptor turned
// off or no longer scoring, or no current term refuse the whole batch.
func (a *API) conductCreate(w http.ResponseWriter, r *http.Request, c *call) {
	var body conductBatch
	if !decode(w, r, &body) {
		return
	}
	var rep fieldReporter
	in := validate.ConductBatchText{Descriptor: strconv.FormatInt(body.DescriptorID, 10), Note: strings.TrimSpace(body.Note)}
	for _, id := range body.StudentIDs {
		in.StudentIDs = append(in.StudentIDs, strconv.FormatInt(id, 10))
	}
	ids, descID := validate.ConductBatch(in, &rep)
	if len(rep) > 0 {
		invalid(w, rep)
		return
	}
	ctx := r.Context()
	cls, all, err := a.conductClasses(r, c, false)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	found, err := a.st.ConductRoster(ctx, c.school, storage.RosterFilter{IDs: ids, All: all, ClassIDs: cls})
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if len(found) != len(ids) {
		invalid(w, []FieldError{{Field: "student_ids", Reason: "有学生不在你可以记录的范围内或已不在籍"}})
		return
	}
	ds, err := a.st.UsableDescriptors(ctx, c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	i := slices.IndexFunc(ds, func(d conduct.Descriptor) bool { return d.ID == descID })
	if i < 0 {
		invalid(w, []FieldError{{Field: "descriptor_id", Reason: "记录事项不存在、已停用或其类别不再计分"}})
		return
	}
	term, err := a.st.CurrentTerm(ctx, c.school)
	if errors.Is(err, storage.ErrNotFound) {
		fail(w, http.StatusUnprocessableEntity, "学校还没有设置当前学期，暂不能记录")
		return
	} else if err != nil {
		a.serverError(w, r, err)
		return
	}
	es, err := a.st.RecordConduct(ctx, c.school, c.actor, storage.ConductBatch{TermID: term.ID, Descriptor: ds[i], StudentIDs: ids,
		Date: time.Now().In(storage.SchoolZone).Format("2006-01-02"), Note: in.Note, RecorderRole: conduct.RecorderRole(c.user.Roles)})
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := conductRecorded{Records: make([]conductWritten, len(es))}
	for i, e := range es {
		out.Records[i] = conductWritten{ID: e.ID, StudentID: e.StudentID, Status: e.Status}
	}
	writeJSON(w, http.StatusCreated, out)
}
