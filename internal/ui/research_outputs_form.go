package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// Entering and editing an output: pick the kind, then its fields, its
// contributors in order (a teacher by 姓名 or 工号 from the school's
// list, or a person from outside ticked as 外单位) and a proof file. A
// similar title is shown kindly with a link and can be confirmed; the same
// identifier is refused with a link to the output that has it.

type contributorRow struct {
	Who, Role, Share string
	External         bool
}

type researchFormPage struct {
	Kinds     []research.Kind
	Kind      research.Kind
	Spec      research.Spec
	V         validate.ResearchText
	Stages    []stageValue
	Rows      []contributorRow
	Teachers  []research.TeacherRef
	Duplicate *storage.ResearchDuplicate
	Errors    formErrors
	EditID    int64
	Today     string
}

type stageValue struct{ Stage, Value string }

// formRows is how many contributor rows an empty form offers.
const formRows = 4

func (s *Server) researchNew(w http.ResponseWriter, r *http.Request) {
	d := researchFormPage{Kinds: research.Kinds, Today: storage.Today(), V: validate.ResearchText{Fields: map[string]string{}}}
	if k, ok := research.KindByName(r.URL.Query().Get("kind")); ok {
		d.Kind, d.V.Kind = k, string(k)
	}
	if u := userOf(r); u.TeacherID != 0 {
		t, err := s.st.Teacher(r.Context(), schoolOf(r), u.TeacherID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Rows = append(d.Rows, contributorRow{Who: t.Name + " " + t.StaffNo})
	}
	s.renderResearchForm(w, r, http.StatusOK, d)
}

func (s *Server) renderResearchForm(w http.ResponseWriter, r *http.Request, status int, d researchFormPage) {
	set, err := s.st.ResearchSettings(r.Context(), schoolOf(r))
	if err == nil && d.Kind != "" {
		d.Teachers, err = s.st.ResearchTeachers(r.Context(), schoolOf(r))
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Spec = research.SpecOf(d.Kind, set)
	for _, st := range research.Stages {
		d.Stages = append(d.Stages, stageValue{st, d.V.Stages[st]})
	}
	for len(d.Rows) < formRows {
		d.Rows = append(d.Rows, contributorRow{})
	}
	title := "录入科研成果"
	if d.EditID != 0 {
		title = "修改科研成果"
	}
	s.render(w, r, status, "research_form", title, d)
}

// readResearchForm parses the posted output: its values, contributors
// resolved against the school's teachers, and the proof file.
func (s *Server) readResearchForm(w http.ResponseWriter, r *http.Request) (researchFormPage, model.ResearchOutput, []storage.ProofUpload, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxProofUpload)
	var d researchFormPage
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		d.Errors.add("表单无法读取，请重新提交（证明材料不超过 10 MB）")
	}
	if msg := controlInForm(r); msg != "" {
		d.Errors.add(msg)
	}
	d.Kinds, d.Today = research.Kinds, storage.Today()
	d.Kind, _ = research.KindByName(field(r, "kind"))
	d.V = validate.ResearchText{Kind: string(d.Kind), Title: field(r, "title"), Level: field(r, "level"), Grade: field(r, "grade"), DatedOn: field(r, "dated_on"),
		Fields: map[string]string{}, Stages: map[string]string{}}
	for _, f := range research.SpecOf(d.Kind, research.Settings{}).Fields {
		d.V.Fields[f.Key] = field(r, "f_"+f.Key)
	}
	for _, st := range research.Stages {
		d.V.Stages[st] = field(r, "stage_"+st)
	}
	teachers, err := s.st.ResearchTeachers(r.Context(), schoolOf(r))
	if err != nil {
		return d, model.ResearchOutput{}, nil, err
	}
	d.V.Contributors = d.readContributors(r, teachers)
	set, err := s.st.ResearchSettings(r.Context(), schoolOf(r))
	if err != nil {
		return d, model.ResearchOutput{}, nil, err
	}
	o := validate.ResearchOutput(d.V, set, d.Today, &d.Errors)
	return d, o, proofUploads(r, &d.Errors), nil
}

// readContributors reads the contributor rows as typed (kept for the
// form) and resolves each against the school's teachers.
func (d *researchFormPage) readContributors(r *http.Request, teachers []research.TeacherRef) []validate.ContributorText {
	var out []validate.ContributorText
	roles, shares := r.Form["c_role"], r.Form["c_share"]
	for i, who := range r.Form["c_who"] {
		row := contributorRow{Who: strings.TrimSpace(who), External: checked(r, "c_ext_"+strconv.Itoa(i))}
		if i < len(roles) {
			row.Role = roles[i]
		}
		if i < len(shares) {
			row.Share = strings.TrimSpace(shares[i])
		}
		d.Rows = append(d.Rows, row)
		if row.Who == "" {
			continue
		}
		c := validate.ContributorText{Role: row.Role, Share: row.Share, Name: row.Who}
		if !row.External {
			t, err := research.FindTeacher(row.Who, teachers)
			if err != nil {
				d.Errors.add("第 " + strconv.Itoa(len(out)+1) + " 位成员：" + err.Error())
				continue
			}
			c.TeacherID, c.Name = strconv.FormatInt(t.ID, 10), ""
		}
		out = append(out, c)
	}
	if r.FormValue("more") != "" {
		for range 3 {
			d.Rows = append(d.Rows, contributorRow{})
		}
	}
	return out
}

func (s *Server) researchCreate(w http.ResponseWriter, r *http.Request) {
	d, o, proofs, err := s.readResearchForm(w, r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if r.FormValue("more") != "" || d.Kind == "" {
		d.Errors = nil
		s.renderResearchForm(w, r, http.StatusOK, d)
		return
	}
	if !d.Errors.any() {
		err = s.st.CreateResearchOutput(r.Context(), schoolOf(r), actor(r), &o, storage.ResearchWrite{NotDuplicate: checked(r, "not_duplicate"), Proofs: proofs})
		if !d.refused(err) {
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			s.redirect(w, r, "/research/outputs/"+itoa64(o.ID), "成果已提交，等待科研处审核")
			return
		}
	}
	s.renderResearchForm(w, r, http.StatusUnprocessableEntity, d)
}

// refused reports whether err is the user's to read (a duplicate or
// another refusal), saying it on the form.
func (d *researchFormPage) refused(err error) bool {
	var dup *storage.ResearchDuplicate
	switch {
	case errors.As(err, &dup):
		d.Duplicate = dup
	case errors.Is(err, storage.ErrRefused):
		d.Errors.addErr("", err)
	default:
		var qe *storage.QuotaError
		if !errors.As(err, &qe) {
			return false
		}
		d.Errors.addErr("", err)
	}
	return true
}

// refused says a refusal, quota or duplicate on the form's errors;
// false for a server error.
func (e *formErrors) refused(err error) bool {
	var qe *storage.QuotaError
	if err == nil || !(errors.Is(err, storage.ErrRefused) || errors.As(err, &qe)) {
		return false
	}
	e.addErr("", err)
	return true
}
