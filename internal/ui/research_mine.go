package ui

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// A teacher's 科研考核: the claims for the open assessment, their points
// per term with the explanation, and the appeal during 公示. Before 公示
// a teacher sees only their own points; the publicity list is its own page.

type researchMinePage struct {
	Linked  bool
	Open    *storage.ResearchAssessment
	Claim   researchClaimForm
	Terms   []storage.ResearchTermPoints
	Appeals []storage.ResearchAppeal
	Appeal  bool // the appeal form is open (during 公示)
}

// researchClaimForm is the claim checklist, shared with the page where
// the 科研处 claims for a teacher.
type researchClaimForm struct {
	Action       string
	AssessmentID int64
	TeacherID    int64
	Rows         []storage.ResearchClaimRow
	Open         bool // claims may still change
}

func (s *Server) researchMine(w http.ResponseWriter, r *http.Request) {
	ctx, school, tid := r.Context(), schoolOf(r), userOf(r).TeacherID
	d := researchMinePage{Linked: tid != 0}
	if !d.Linked {
		s.render(w, r, http.StatusOK, "research_mine", "我的科研考核", d)
		return
	}
	open, err := s.st.OpenResearchAssessment(ctx, school)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	if err == nil {
		d.Open = &open
		d.Claim = researchClaimForm{Action: "/research/mine/claims", AssessmentID: open.ID, TeacherID: tid, Open: open.State == research.StateClaiming}
		if d.Claim.Rows, err = s.st.ResearchClaimable(ctx, school, open.ID, tid); err != nil {
			s.serverError(w, r, err)
			return
		}
		if d.Appeals, err = s.st.ResearchAppeals(ctx, school, open.ID, tid); err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Appeal = open.State == research.StatePublicised && s.authz.Can(userOf(r), "research:appeal") &&
			!slices.ContainsFunc(d.Appeals, func(a storage.ResearchAppeal) bool { return a.Status == storage.ResearchAppealPending })
	}
	if d.Terms, err = s.st.TeacherResearchPoints(ctx, school, tid); err != nil {
		s.serverError(w, r, err)
		return
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "research_mine", "我的科研考核", d)
}

// outputIDs reads the ticked outputs of a claim form.
func outputIDs(r *http.Request) []int64 {
	var ids []int64
	for _, v := range r.Form["output"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

func (s *Server) researchMineClaim(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	tid := userOf(r).TeacherID
	aid, _ := strconv.ParseInt(field(r, "assessment"), 10, 64)
	if tid == 0 {
		s.errorPage(w, r, http.StatusForbidden, "当前账号未关联教师档案")
		return
	}
	err := s.st.ClaimResearch(r.Context(), schoolOf(r), actor(r), aid, tid, outputIDs(r), false)
	s.mineAfter(w, r, err, "已保存认领")
}

func (s *Server) researchMineAppeal(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	tid := userOf(r).TeacherID
	aid, _ := strconv.ParseInt(field(r, "assessment"), 10, 64)
	if tid == 0 {
		s.errorPage(w, r, http.StatusForbidden, "当前账号未关联教师档案")
		return
	}
	_, err := s.st.AppealResearch(r.Context(), schoolOf(r), actor(r), aid, tid, field(r, "reason"))
	s.mineAfter(w, r, err, "申诉已提交，科研处处理后会在这里答复")
}

func (s *Server) mineAfter(w http.ResponseWriter, r *http.Request, err error, flash string) {
	switch {
	case err == nil:
		s.redirect(w, r, "/research/mine", flash)
	case refused(err):
		s.flashError(r, err.Error())
		s.redirect(w, r, "/research/mine", "")
	default:
		s.notFoundOr(w, r, err)
	}
}
