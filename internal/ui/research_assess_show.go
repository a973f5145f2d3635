package ui

import (
	"net/http"
	"strconv"

	"zhijiao/internal/httpx"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// An assessment's page for the 科研处: where it stands, the next step
// (with what still stands in its way said before the click), the ranking
// by department with each teacher's explanation, and the appeals.

type researchMove struct {
	To, Label string
	Compute   bool   // the compute action rather than a state change
	Blocked   string // why the step will be refused now, shown beside it
	Secondary bool
}

type researchDept struct {
	Name string
	Rows []storage.ResearchPointRow
}

type researchAssessPage struct {
	A           storage.ResearchAssessment
	P           storage.ResearchProgress
	Moves       []researchMove
	Rows        []storage.ResearchPointRow
	Departments []researchDept
	Appeals     []storage.ResearchAppeal
}

func (s *Server) researchAssessShow(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	ra, p, err := s.st.ResearchProgress(ctx, school, id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	d := researchAssessPage{A: ra, P: p, Moves: researchMoves(ra, p)}
	if d.Rows, err = s.st.ResearchPoints(ctx, school, id, 0); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Departments = byDepartment(d.Rows)
	if d.Appeals, err = s.st.ResearchAppeals(ctx, school, id, 0); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "research_assess_show", ra.Name, d)
}

// researchMoves are the steps open from the assessment's state, each
// with the reason it would be refused now ("" when it would go through).
func researchMoves(ra storage.ResearchAssessment, p storage.ResearchProgress) []researchMove {
	pending := ""
	if p.PendingClaimed > 0 {
		pending = "已认领的成果中还有 " + strconv.Itoa(p.PendingClaimed) + " 项待审核"
	}
	switch ra.State {
	case research.StateClaiming:
		return []researchMove{{To: research.StateReviewing, Label: "结束认领，进入审核"}}
	case research.StateReviewing:
		return []researchMove{{Compute: true, Label: "计算积分", Blocked: pending},
			{To: research.StateClaiming, Label: "重新开放认领", Secondary: true}}
	case research.StateComputed:
		none := ""
		if p.Points == 0 {
			none = "还没有任何教师的计算结果"
		}
		return []researchMove{{To: research.StatePublicised, Label: "开始公示", Blocked: none},
			{Compute: true, Label: "重新计算", Blocked: pending, Secondary: true},
			{To: research.StateReviewing, Label: "退回审核", Secondary: true}}
	case research.StatePublicised:
		moves := []researchMove{{To: research.StateFinal, Label: "定稿", Blocked: finalBlock(ra, p)}}
		if p.UpheldOpen > 0 {
			moves = append(moves, researchMove{Compute: true, Label: "为支持的申诉重新计算", Blocked: pending, Secondary: true})
		}
		return moves
	}
	return nil
}

func finalBlock(ra storage.ResearchAssessment, p storage.ResearchProgress) string {
	switch {
	case p.PendingAppeals > 0:
		return "还有 " + strconv.Itoa(p.PendingAppeals) + " 条申诉未处理"
	case p.UpheldOpen > 0:
		return "支持的申诉尚未重新计算"
	}
	return "公示期到 " + ra.PublicityEnd() + " 结束后才能定稿"
}

// byDepartment groups the ranked rows by department, in the order of
// each department's best teacher.
func byDepartment(rows []storage.ResearchPointRow) []researchDept {
	var out []researchDept
	at := map[int64]int{}
	for _, r := range rows {
		i, ok := at[r.DepartmentID]
		if !ok {
			i = len(out)
			at[r.DepartmentID] = i
			name := r.DepartmentName
			if name == "" {
				name = "未分部门"
			}
			out = append(out, researchDept{Name: name})
		}
		out[i].Rows = append(out[i].Rows, r)
	}
	return out
}

// researchAssessMove changes the state; a refusal comes back as the
// page's error message.
func (s *Server) researchAssessMove(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	to := r.FormValue("to")
	err := s.st.MoveResearchAssessment(r.Context(), schoolOf(r), actor(r), id, to)
	s.researchAfter(w, r, id, err, "考核已变为“"+storage.ResearchStateName(to)+"”")
}

func (s *Server) researchAssessCompute(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	n, err := s.st.ComputeResearch(r.Context(), schoolOf(r), actor(r), id)
	s.researchAfter(w, r, id, err, "已计算 "+strconv.Itoa(n)+" 名教师的科研积分")
}

// researchAfter sends the 科研处 back to the assessment with the flash,
// or with the refusal in words; other errors are the server's.
func (s *Server) researchAfter(w http.ResponseWriter, r *http.Request, id int64, err error, flash string) {
	switch {
	case err == nil:
		s.redirect(w, r, "/research/assessments/"+itoa64(id), flash)
	case refused(err):
		s.flashError(r, err.Error())
		s.redirect(w, r, "/research/assessments/"+itoa64(id), "")
	default:
		s.notFoundOr(w, r, err)
	}
}

// researchAppealDecide upholds or dismisses one appeal.
func (s *Server) researchAppealDecide(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	appeal, ok := httpx.PathID(r, "appeal")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	uphold := r.FormValue("uphold") == "1"
	err := s.st.DecideResearchAppeal(r.Context(), schoolOf(r), actor(r), id, appeal, uphold, field(r, "decision"))
	msg := "已驳回申诉"
	if uphold {
		msg = "已支持申诉：请在成果中更正后重新计算"
	}
	s.researchAfter(w, r, id, err, msg)
}
