package ui

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// The batch recording page, phone first: pick students (the head
// teacher's own class is open at once, or a class, a search or a pasted
// list), tap a descriptor, save. Five students and one descriptor are
// eight taps from the home page (internal/e2e/conduct_record_test.go).

type pickStudent struct {
	storage.RosterStudent
	Checked bool
}

type conductRecordPage struct {
	Classes    []model.Class
	Chips      bool // few classes: one tap each instead of a select
	ClassID    int64
	Q, List    string
	Students   []pickStudent
	NotFound   []string // pasted names and 学号 that matched no student
	SameName   bool     // a pasted name matched several students: not ticked
	Praise     []conduct.Descriptor
	Deductions []conduct.Descriptor
	Descriptor int64
	Note       string
	Errors     formErrors
	CanManage  bool
}

// maxChips is the most classes shown as chips; more get a select.
const maxChips = 6

// conductRecordShow shows the page for a class, a search or a pasted list.
func (s *Server) conductRecordShow(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	classID, _ := strconv.ParseInt(q.Get("class"), 10, 64)
	d, err := s.conductRecordData(r, classID, strings.TrimSpace(q.Get("q")), strings.TrimSpace(q.Get("list")), nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "conduct_record", "记录行为", d)
}

// conductRecordData fills the page; checked are the students ticked (a
// pasted list ticks every student it finds).
func (s *Server) conductRecordData(r *http.Request, classID int64, q, list string, checked []int64) (conductRecordPage, error) {
	ctx, school := r.Context(), schoolOf(r)
	d := conductRecordPage{ClassID: classID, Q: q, List: list, CanManage: s.authz.Can(userOf(r), "conduct:manage")}
	sc, err := s.conductScopeOf(r)
	if err != nil {
		return d, err
	}
	cf := storage.ClassFilter{ListQuery: model.AllRows(), ClassIDs: sc.Own, Scoped: !sc.All}
	if d.Classes, _, err = s.st.Classes(ctx, school, cf); err != nil {
		return d, err
	}
	d.Chips = len(d.Classes) <= maxChips
	if d.ClassID == 0 && q == "" && list == "" && len(sc.Own) > 0 {
		d.ClassID = sc.Own[0]
	}
	f := storage.RosterFilter{ClassID: d.ClassID, Q: q, All: sc.All, ClassIDs: sc.Own}
	if list != "" {
		f.Keys = pastedKeys(list)
	}
	roster, err := s.st.ConductRoster(ctx, school, f)
	if err != nil {
		return d, err
	}
	for _, st := range roster {
		tick := slices.Contains(checked, st.ID) || (list != "" && uniqueMatch(f.Keys, roster, st))
		d.Students = append(d.Students, pickStudent{st, tick})
		d.SameName = d.SameName || (list != "" && !tick)
	}
	d.NotFound = unmatchedKeys(f.Keys, roster)
	ds, err := s.usableDescriptors(r)
	for _, x := range ds {
		if x.Points > 0 {
			d.Praise = append(d.Praise, x)
		} else {
			d.Deductions = append(d.Deductions, x)
		}
	}
	return d, err
}

// usableDescriptors are storage.UsableDescriptors of the user's school.
func (s *Server) usableDescriptors(r *http.Request) ([]conduct.Descriptor, error) {
	return s.st.UsableDescriptors(r.Context(), schoolOf(r))
}

// pastedKeys splits a pasted list of names and 学号 (one a line, or
// separated by commas, 顿号 or spaces).
func pastedKeys(list string) []string {
	f := strings.FieldsFunc(list, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '　'
	})
	var out []string
	for _, k := range f {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	if len(out) > conduct.MaxBatch {
		out = out[:conduct.MaxBatch]
	}
	return out
}

// uniqueMatch reports whether a pasted list names st for sure: by 学号, or
// by a name no other student found shares (two 张伟 are left for the
// recorder to tell apart by class).
func uniqueMatch(keys []string, found []storage.RosterStudent, st storage.RosterStudent) bool {
	if slices.Contains(keys, st.StudentNo) {
		return true
	}
	same := 0
	for _, x := range found {
		if x.Name == st.Name {
			same++
		}
	}
	return same == 1 && slices.Contains(keys, st.Name)
}

func unmatchedKeys(keys []string, found []storage.RosterStudent) []string {
	var out []string
	for _, k := range keys {
		if !slices.ContainsFunc(found, func(s storage.RosterStudent) bool { return s.Name == k || s.StudentNo == k }) {
			out = append(out, k)
		}
	}
	return out
}

// conductRecordSave records the batch: one transaction, one record per
// student, then the after-record seam. Students outside the recorder's
// scope or a descriptor that no longer scores refuse the whole batch.
func (s *Server) conductRecordSave(w http.ResponseWriter, r *http.Request) {
	b, classID, errs, err := s.readConductBatch(w, r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var es []model.Evidence
	if !errs.any() {
		es, err = s.st.RecordConduct(r.Context(), schoolOf(r), actor(r), b)
		var qe *storage.QuotaError
		if errors.As(err, &qe) {
			errs.addErr("照片", err)
		} else if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if errs.any() {
		d, err := s.conductRecordData(r, classID, "", "", b.StudentIDs)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Errors, d.Descriptor, d.Note = errs, b.Descriptor.ID, b.Note
		s.render(w, r, http.StatusUnprocessableEntity, "conduct_record", "记录行为", d)
		return
	}
	s.afterConductRecords(r.Context(), schoolOf(r), b.StudentIDs)
	s.redirect(w, r, "/conduct/record?class="+itoa64(classID), batchFlash(b, es))
}

// batchFlash says what was recorded and whether it counts yet.
func batchFlash(b storage.ConductBatch, es []model.Evidence) string {
	msg := fmt.Sprintf("已为 %d 名学生记录“%s”（%s 分）", len(es), b.Descriptor.Name, signed(b.Descriptor.Points))
	if len(es) > 0 && es[0].Status == model.EvidencePending {
		msg += "，等待老师确认或德育处审批后计分"
	}
	return msg
}

// readConductBatch parses and checks the posted batch: the students (in
// the recorder's scope), the descriptor (active, its category scoring),
// the note and the photo.
func (s *Server) readConductBatch(w http.ResponseWriter, r *http.Request) (storage.ConductBatch, int64, formErrors, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxProofUpload)
	var errs formErrors
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		errs.add("照片超过 10 MB 或表单无法读取")
	}
	classID, _ := strconv.ParseInt(field(r, "class"), 10, 64)
	ids, descID := validate.ConductBatch(validate.ConductBatchText{StudentIDs: r.Form["student"], Descriptor: field(r, "descriptor"), Note: field(r, "note")}, &errs)
	b := storage.ConductBatch{StudentIDs: ids, Date: today(), Note: field(r, "note"), RecorderRole: recorderRole(userOf(r))}
	ctx, school := r.Context(), schoolOf(r)
	if len(ids) > 0 {
		sc, err := s.conductScopeOf(r)
		if err != nil {
			return b, classID, errs, err
		}
		found, err := s.st.ConductRoster(ctx, school, storage.RosterFilter{IDs: ids, All: sc.All, ClassIDs: sc.Own})
		if err != nil {
			return b, classID, errs, err
		}
		if len(found) != len(ids) {
			errs.add("有学生不在你可以记录的范围内（或已不在籍），请刷新页面后重选")
		}
	}
	if descID != 0 {
		ds, err := s.usableDescriptors(r)
		if err != nil {
			return b, classID, errs, err
		}
		i := slices.IndexFunc(ds, func(d conduct.Descriptor) bool { return d.ID == descID })
		if i < 0 {
			errs.add("所选事项已停用或其类别不再计分，请重新选择")
		} else {
			b.Descriptor = ds[i]
		}
	}
	t, err := s.st.CurrentTerm(ctx, school)
	if errors.Is(err, storage.ErrNotFound) {
		errs.add("学校还没有设置当前学期，暂不能记录")
	} else if err != nil {
		return b, classID, errs, err
	}
	b.TermID = t.ID
	if ups := proofUploads(r, &errs); len(ups) > 0 {
		b.Photo = &ups[0]
	}
	return b, classID, errs, nil
}

// recorderRole is the role a record is stored under (conduct.RecorderRole).
func recorderRole(u *model.User) string { return conduct.RecorderRole(u.Roles) }
