package ui

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// evidenceValues are the posted fields of the evidence form, kept as text
// so a refused form comes back as typed.
type evidenceValues struct {
	Kind, StudentNo, TermID, Title, Category, Level, Prize, TeamMembers, Date, Note string
	Hours, Points, Direction, MentorScore                                           string
	Team, Passed                                                                    bool
}

type evidenceFormPage struct {
	Kind       model.EvidenceKind
	Kinds      []model.EvidenceKind
	V          evidenceValues
	Own        *model.Student // a student submitting for themself
	Terms      []model.Term
	Lang       string
	Errors     formErrors
	Levels     []string
	Prizes     []string
	CertCats   []string
	CertGrades []string
	Honours    []string
	Interns    []string
	Mentor     []string
	Services   []string
	Habits     []string
	Today      string
}

func (s *Server) evidenceFormPage(r *http.Request, kind model.EvidenceKind, v evidenceValues) (evidenceFormPage, error) {
	d := evidenceFormPage{Kind: kind, Kinds: model.EvidenceKinds, V: v, Lang: langOf(r), Levels: model.AwardLevels, Prizes: model.Prizes,
		CertCats: validate.CertCategories, CertGrades: validate.CertGrades, Honours: validate.HonourCategories, Interns: validate.InternshipCategories,
		Mentor: validate.MentorLevels, Services: validate.ServiceCategories, Today: today()}
	ctx, school := r.Context(), schoolOf(r)
	var err error
	if d.Habits, err = s.habitNames(r); err != nil {
		return d, err
	}
	if own := ownStudent(userOf(r)); own != 0 {
		st, err := s.st.Student(ctx, school, own)
		if err != nil {
			return d, err
		}
		d.Own = &st
	}
	if d.Terms, err = s.st.Terms(ctx, school); err != nil {
		return d, err
	}
	if d.V.TermID == "" {
		if t, err := s.st.CurrentTerm(ctx, school); err == nil {
			d.V.TermID = itoa64(t.ID)
		} else if !errors.Is(err, storage.ErrNotFound) {
			return d, err
		}
	}
	return d, nil
}

// evidenceNew shows the kinds to choose from, then the form of one kind
// (/evidence/new?kind=competition): each kind has its own fields, no
// script needed.
func (s *Server) evidenceNew(w http.ResponseWriter, r *http.Request) {
	kind := model.EvidenceKind(r.URL.Query().Get("kind"))
	if !kind.Valid() {
		kind = ""
	}
	v := evidenceValues{Kind: string(kind), StudentNo: r.URL.Query().Get("student_no"), Direction: "+"}
	d, err := s.evidenceFormPage(r, kind, v)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "evidence_form", "新增写实记录", d)
}

// maxProofUpload bounds the whole multipart body: one proof file of
// storage.MaxEvidenceFile and the form fields.
const maxProofUpload = storage.MaxEvidenceFile + 1<<20

// evidenceCreate stores a record as 待审核 with its team members and
// optional proof file in one storage call. A student's record is always
// their own (the account decides, not the form); a head teacher submits
// for the students of their classes; school offices for anyone. Nothing is
// written when anything is wrong, a proof over the account's quota too.
func (s *Server) evidenceCreate(w http.ResponseWriter, r *http.Request) {
	in, v, errs, err := s.readEvidenceForm(w, r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !errs.any() {
		err = s.st.SubmitEvidence(r.Context(), schoolOf(r), actor(r), in)
		var qe *storage.QuotaError
		if errors.As(err, &qe) {
			errs.addErr("证明材料", err)
		} else if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if errs.any() {
		d, err := s.evidenceFormPage(r, in.Evidence.Kind, v)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "evidence_form", "新增写实记录", d)
		return
	}
	s.redirect(w, r, "/evidence/"+itoa64(in.Evidence.ID), "写实记录已提交，等待审核")
}

// readEvidenceForm parses the posted form and checks it with the rules of
// validate.Evidence: the fields, whose record, the term and date, and the
// proof file. err is a server error; errs are the user's problems.
func (s *Server) readEvidenceForm(w http.ResponseWriter, r *http.Request) (storage.EvidenceInput, evidenceValues, formErrors, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxProofUpload)
	var errs formErrors
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			errs.add("证明材料文件超过 10 MB")
		} else {
			errs.add("表单无法读取，请重新提交")
		}
	}
	if msg := controlInForm(r); msg != "" {
		errs.add(msg)
	}
	v := evidenceValues{Kind: field(r, "kind"), StudentNo: field(r, "student_no"), TermID: field(r, "term_id"), Title: field(r, "title"),
		Category: field(r, "category"), Level: field(r, "level"), Prize: field(r, "prize"), TeamMembers: field(r, "team_members"),
		Date: field(r, "date"), Note: field(r, "note"), Hours: field(r, "hours"), Points: field(r, "points"), Direction: field(r, "direction"),
		MentorScore: field(r, "mentor_score"), Team: checked(r, "team"), Passed: checked(r, "passed")}
	kind := model.EvidenceKind(v.Kind)
	if !kind.Valid() {
		kind = ""
	}
	habits, err := s.habitNames(r)
	if err != nil {
		return storage.EvidenceInput{Evidence: &model.Evidence{}}, v, errs, err
	}
	e := validate.Evidence(validate.EvidenceText{Kind: kind, Title: v.Title, Category: v.Category, Level: v.Level, Prize: v.Prize, Note: v.Note,
		TeamMembers: v.TeamMembers, Hours: v.Hours, Points: v.Points, Direction: v.Direction, MentorScore: v.MentorScore, Team: v.Team, Passed: v.Passed, Habits: habits}, &errs)
	in := storage.EvidenceInput{Evidence: &e, TeamMembers: v.TeamMembers}
	st, err := s.evidenceStudent(r, v.StudentNo, &errs)
	if err != nil {
		return in, v, errs, err
	}
	e.StudentID = st.ID
	if e.TermID, err = s.evidenceTerm(r, v.TermID, &errs); err != nil {
		return in, v, errs, err
	}
	e.Date = v.Date
	if d, ok := parseDay(v.Date); !ok {
		errs.add("请填写正确的日期")
	} else if d.After(time.Now().AddDate(0, 0, 1)) {
		errs.add("日期不能晚于今天")
	} else if r := validate.EvidenceDates.Check(v.Date); r != "" {
		errs.add(r)
	}
	in.Files = proofUploads(r, &errs)
	return in, v, errs, nil
}

// evidenceStudent is whose record: a student's own, or the student of the
// 学号 typed when the user may submit for them.
func (s *Server) evidenceStudent(r *http.Request, no string, errs *formErrors) (model.Student, error) {
	ctx, school := r.Context(), schoolOf(r)
	if own := ownStudent(userOf(r)); own != 0 {
		return s.st.Student(ctx, school, own)
	}
	if no == "" {
		errs.add("请填写学生学号")
		return model.Student{}, nil
	}
	st, err := s.st.StudentByNo(ctx, school, no)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return st, err
	}
	ok := err == nil
	if ok {
		if ok, err = s.maySubmitFor(r, st.ID, st.ClassID); err != nil {
			return st, err
		}
	}
	if !ok {
		errs.add("学号 " + no + " 不是您可以提交写实记录的学生")
		return model.Student{}, nil
	}
	return st, nil
}

// evidenceTerm reads the chosen term, one of the school's.
func (s *Server) evidenceTerm(r *http.Request, v string, errs *formErrors) (int64, error) {
	termID, _ := strconv.ParseInt(v, 10, 64)
	terms, err := s.st.Terms(r.Context(), schoolOf(r))
	if err != nil {
		return 0, err
	}
	if !slices.ContainsFunc(terms, func(t model.Term) bool { return t.ID == termID }) {
		errs.add("请选择学期")
	}
	return termID, nil
}

// readProofUpload reads a form that adds one proof file to a record: the
// file, or the user's problem (too large, unreadable, none chosen).
func readProofUpload(w http.ResponseWriter, r *http.Request) ([]storage.ProofUpload, formErrors) {
	r.Body = http.MaxBytesReader(w, r.Body, maxProofUpload)
	var errs formErrors
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		errs.add("证明材料无法读取（不超过 10 MB）")
	}
	ups := proofUploads(r, &errs)
	if len(ups) == 0 && !errs.any() {
		errs.add("请选择要上传的文件")
	}
	return ups, errs
}

// proofUploads reads the optional proof file, checked before anything is
// written.
func proofUploads(r *http.Request, errs *formErrors) []storage.ProofUpload {
	if r.MultipartForm == nil {
		return nil
	}
	fh := r.MultipartForm.File["proof"]
	if len(fh) == 0 || fh[0].Size == 0 {
		return nil
	}
	var proof []byte
	f, err := fh[0].Open()
	if err == nil {
		proof, err = io.ReadAll(io.LimitReader(f, storage.MaxEvidenceFile+1))
		f.Close()
	}
	if err != nil {
		errs.add("证明材料无法读取")
		return nil
	}
	if _, err := storage.CheckProofFile(proof); err != nil {
		errs.addErr("证明材料", err)
		return nil
	}
	proofName := httpx.FileName(fh[0].Filename, "证明材料")
	return []storage.ProofUpload{{Name: proofName, Data: proof}}
}

// formErrors says the rules of internal/validate as the forms do.

func (e *formErrors) Missing(field, label string) { e.add("请填写" + label) }
func (e *formErrors) NotAllowed(field, label, value string, allowed []string) {
	e.add("请选择" + label)
}
func (e *formErrors) TooLong(field, label string, n int) {
	e.add(label + "不能超过 " + strconv.Itoa(n) + " 个字")
}
func (e *formErrors) OutOfRange(field, label string, lo, hi float64) {
	e.add(label + "应为 " + num(lo) + " 到 " + num(hi) + " 之间的数字")
}
func (e *formErrors) Invalid(field, label, reason string) { e.add(label + reason) }
