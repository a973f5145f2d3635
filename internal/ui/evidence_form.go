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
		CertCats: certCategories, CertGrades: certGrades, Honours: honourCategories, Interns: internshipCategories, Mentor: mentorLevels,
		Services: serviceCategories, Habits: behaviourCategories, Today: today()}
	ctx, school := r.Context(), schoolOf(r)
	if own := ownStudent(userOf(r)); own != 0 {
		st, err := s.st.Student(ctx, school, own)
		if err != nil {
			return d, err
		}
		d.Own = &st
	}
	var err error
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

// evidenceCreate stores a record as 待审核 with its optional proof file.
// A student's record is always their own (the account decides, not the
// form); a head teacher submits for the students of their classes; school
// offices for anyone. Nothing is written when anything is wrong.
func (s *Server) evidenceCreate(w http.ResponseWriter, r *http.Request) {
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
	ctx, school := r.Context(), schoolOf(r)
	e := model.Evidence{Kind: kind, Title: v.Title, Category: v.Category, Level: v.Level, Date: v.Date, Note: v.Note}
	if kind == "" {
		errs.add("请选择写实记录类型")
	}

	// Whose record.
	var st model.Student
	if own := ownStudent(userOf(r)); own != 0 {
		var err error
		if st, err = s.st.Student(ctx, school, own); err != nil {
			s.serverError(w, r, err)
			return
		}
	} else if v.StudentNo == "" {
		errs.add("请填写学生学号")
	} else {
		var err error
		st, err = s.st.StudentByNo(ctx, school, v.StudentNo)
		ok := err == nil
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
		if ok {
			if ok, err = s.maySubmitFor(r, st.ID, st.ClassID); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		if !ok {
			errs.add("学号 " + v.StudentNo + " 不是您可以提交写实记录的学生")
		}
	}
	e.StudentID = st.ID

	// Term and date.
	termID, _ := strconv.ParseInt(v.TermID, 10, 64)
	terms, err := s.st.Terms(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !slices.ContainsFunc(terms, func(t model.Term) bool { return t.ID == termID }) {
		errs.add("请选择学期")
	}
	e.TermID = termID
	if d, ok := parseDay(v.Date); !ok {
		errs.add("请填写正确的日期")
	} else if d.After(time.Now().AddDate(0, 0, 1)) {
		errs.add("日期不能晚于今天")
	} else if r := validate.EvidenceDates.Check(v.Date); r != "" {
		errs.add(r)
	}
	maxLen(&errs, "名称", v.Title, 100)
	maxLen(&errs, "备注", v.Note, 500)
	maxLen(&errs, "团体成员", v.TeamMembers, 300)

	oneOf := func(label, x string, list []string) {
		if !slices.Contains(list, x) {
			errs.add("请选择" + label)
		}
	}
	number := func(label, x string, lo, hi float64) float64 {
		f, err := validate.Number(x)
		if err != nil || f < lo || f > hi {
			errs.add(label + "应为 " + num(lo) + " 到 " + num(hi) + " 之间的数字")
			return 0
		}
		return f
	}
	switch kind {
	case model.EvidenceCompetition:
		if v.Title == "" {
			errs.add("请填写比赛名称")
		}
		oneOf("获奖级别", v.Level, model.AwardLevels)
		oneOf("奖项", v.Prize, model.Prizes)
		e.Prize, e.Team = v.Prize, v.Team
		e.Category = ""
	case model.EvidenceCertificate:
		if v.Title == "" {
			errs.add("请填写证书名称")
		}
		oneOf("证书类别", v.Category, certCategories)
		oneOf("证书等级", v.Level, certGrades)
		e.Passed = v.Passed
	case model.EvidenceHonour:
		oneOf("荣誉称号", v.Category, honourCategories)
		oneOf("授予级别", v.Level, model.AwardLevels)
		if e.Title == "" {
			e.Title = v.Category
		}
	case model.EvidenceInternship:
		oneOf("实习形式", v.Category, internshipCategories)
		oneOf("企业导师评定", v.Level, mentorLevels)
		if v.Title == "" {
			errs.add("请填写实习单位与岗位")
		}
		if v.MentorScore != "" {
			e.MentorScore = number("导师评分", v.MentorScore, 0, 100)
		}
	case model.EvidenceService:
		oneOf("活动类别", v.Category, serviceCategories)
		if v.Title == "" {
			errs.add("请填写活动名称")
		}
		e.Level = ""
		e.Hours = number("时长（小时）", v.Hours, 0.5, 1000)
	case model.EvidenceBehaviour:
		oneOf("行为类别", v.Category, behaviourCategories)
		if v.Title == "" {
			errs.add("请填写事由")
		}
		e.Level = ""
		p := number("分值", v.Points, 0.5, 20)
		if v.Direction == "-" {
			p = -p
		}
		e.Points = p
	}

	// The proof file, checked before anything is written.
	var proof []byte
	var proofName string
	if r.MultipartForm != nil {
		if fh := r.MultipartForm.File["proof"]; len(fh) > 0 && fh[0].Size > 0 {
			f, err := fh[0].Open()
			if err == nil {
				proof, err = io.ReadAll(io.LimitReader(f, storage.MaxEvidenceFile+1))
				f.Close()
			}
			if err != nil {
				errs.add("证明材料无法读取")
			} else if _, err := storage.CheckProofFile(proof); err != nil {
				errs.addErr("证明材料", err)
			}
			proofName = httpx.FileName(fh[0].Filename, "证明材料")
		}
	}

	if errs.any() {
		d, err := s.evidenceFormPage(r, kind, v)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "evidence_form", "新增写实记录", d)
		return
	}
	if err := s.st.CreateEvidence(ctx, school, actor(r), &e); err != nil {
		s.serverError(w, r, err)
		return
	}
	if e.Kind == model.EvidenceCompetition && e.Team && v.TeamMembers != "" {
		if err := s.st.SetEvidenceTeamMembers(ctx, school, e.ID, v.TeamMembers); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if proof != nil {
		if _, err := s.st.AddEvidenceFile(ctx, school, actor(r), e.ID, proofName, proof); err != nil {
			var qe *storage.QuotaError
			if !errors.As(err, &qe) {
				s.serverError(w, r, err)
				return
			}
			s.flashError(r, qe.Error())
		}
	}
	s.redirect(w, r, "/evidence/"+itoa64(e.ID), "写实记录已提交，等待审核")
}
