package ui

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// One output with its fields, contributors, proof files and history, and
// what the user may do with it: edit, add a file, delete with a reason,
// and for the 科研处 verify or reject.

type fieldValue struct{ Label, Value string }

type researchShowPage struct {
	O         model.ResearchOutput
	Spec      research.Spec
	Fields    []fieldValue
	Files     []storage.ResearchFile
	History   []storage.ResearchRevision
	MayChange bool
	MayReview bool
	Errors    formErrors
}

func (s *Server) researchShowData(r *http.Request, o model.ResearchOutput) (researchShowPage, error) {
	d := researchShowPage{O: o, MayChange: s.mayChangeResearch(r, o)}
	d.MayReview = !o.Deleted && o.Status == research.StatusPending && s.authz.Can(userOf(r), "research:review")
	set, err := s.st.ResearchSettings(r.Context(), schoolOf(r))
	if err != nil {
		return d, err
	}
	d.Spec = research.SpecOf(research.Kind(o.Kind), set)
	for _, f := range d.Spec.Fields {
		if v := o.Fields[f.Key]; v != "" {
			d.Fields = append(d.Fields, fieldValue{f.Label, v})
		}
	}
	if d.Files, err = s.st.ResearchFiles(r.Context(), schoolOf(r), o.ID); err != nil {
		return d, err
	}
	d.History, err = s.st.ResearchHistory(r.Context(), schoolOf(r), o.ID)
	return d, err
}

func (s *Server) researchShow(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadResearch(w, r)
	if !ok {
		return
	}
	s.renderResearchShow(w, r, http.StatusOK, o, nil)
}

func (s *Server) renderResearchShow(w http.ResponseWriter, r *http.Request, status int, o model.ResearchOutput, errs formErrors) {
	d, err := s.researchShowData(r, o)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Errors = errs
	s.render(w, r, status, "research_show", o.Title, d)
}

// researchEdit shows the form filled with the output's values.
func (s *Server) researchEdit(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadChangeable(w, r)
	if !ok {
		return
	}
	d := researchFormPage{Kinds: research.Kinds, Kind: research.Kind(o.Kind), V: validate.ResearchTextOf(o), EditID: o.ID, Today: storage.Today()}
	teachers, err := s.st.ResearchTeachers(r.Context(), schoolOf(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	staff := map[int64]string{}
	for _, t := range teachers {
		staff[t.ID] = t.StaffNo
	}
	for _, c := range o.Contributors {
		row := contributorRow{Who: strings.TrimSpace(c.Name + " " + staff[c.TeacherID]), Role: c.Role, External: c.External()}
		if c.Share != nil {
			row.Share = strconv.FormatFloat(*c.Share, 'f', -1, 64)
		}
		d.Rows = append(d.Rows, row)
	}
	s.renderResearchForm(w, r, http.StatusOK, d)
}

func (s *Server) researchUpdate(w http.ResponseWriter, r *http.Request) {
	old, ok := s.loadChangeable(w, r)
	if !ok {
		return
	}
	d, o, _, err := s.readResearchForm(w, r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.EditID, o.ID = old.ID, old.ID
	if r.FormValue("more") == "" && !d.Errors.any() {
		err = s.st.UpdateResearchOutput(r.Context(), schoolOf(r), actor(r), &o, storage.ResearchWrite{KeepStatus: s.authz.Can(userOf(r), "research:review")})
		if !d.refused(err) {
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			s.redirect(w, r, "/research/outputs/"+itoa64(o.ID), "已保存修改")
			return
		}
	}
	if r.FormValue("more") != "" {
		d.Errors = nil
	}
	s.renderResearchForm(w, r, http.StatusUnprocessableEntity, d)
}

// researchDelete takes an output out of every count, with a reason.
func (s *Server) researchDelete(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadChangeable(w, r)
	if !ok {
		return
	}
	err := s.st.DeleteResearchOutput(r.Context(), schoolOf(r), actor(r), o.ID, field(r, "reason"))
	s.researchActed(w, r, o, nil, err, "已删除成果（仍保留在修改历史中）")
}

// researchAddFile adds a proof file to an output the user may change.
func (s *Server) researchAddFile(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadChangeable(w, r)
	if !ok {
		return
	}
	ups, errs := readProofUpload(w, r)
	stage := field(r, "stage")
	if stage != "" && !slices.ContainsFunc(o.Stages, func(st model.ResearchStage) bool { return st.Stage == stage }) {
		errs.add("请选择课题已有的阶段")
	}
	var err error
	if !errs.any() {
		_, err = s.st.AddResearchFile(r.Context(), schoolOf(r), actor(r), o.ID, stage, ups[0])
	}
	s.researchActed(w, r, o, errs, err, "已上传证明材料")
}

// loadChangeable is loadResearch for a change: 403 unless the user may
// change the output (mayChangeResearch).
func (s *Server) loadChangeable(w http.ResponseWriter, r *http.Request) (model.ResearchOutput, bool) {
	o, ok := s.loadResearch(w, r)
	if ok && !s.mayChangeResearch(r, o) {
		s.errorPage(w, r, http.StatusForbidden, "已认定的成果请联系科研处修改")
		return o, false
	}
	return o, ok
}

// researchActed ends an action on an output's page: the show page again
// with the user's problems (errs, or err when it is a refusal), a server
// error, or back to the output with done.
func (s *Server) researchActed(w http.ResponseWriter, r *http.Request, o model.ResearchOutput, errs formErrors, err error, done string) {
	if err != nil && !errs.refused(err) {
		s.serverError(w, r, err)
		return
	}
	if errs.any() {
		s.renderResearchShow(w, r, http.StatusUnprocessableEntity, o, errs)
		return
	}
	s.redirect(w, r, "/research/outputs/"+itoa64(o.ID), done)
}

// researchFile serves one proof file of an output in the user's scope.
func (s *Server) researchFile(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadResearch(w, r)
	if !ok {
		return
	}
	fid, ok := httpx.PathID(r, "file")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	f, err := s.st.ResearchFileData(r.Context(), schoolOf(r), fid)
	if err == nil && f.OwnerID != o.ID {
		err = storage.ErrNotFound
	}
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	sendProof(w, f.ProofFile)
}
