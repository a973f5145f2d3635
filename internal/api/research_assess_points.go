package api

import (
	"net/http"

	"zhijiao/internal/httpx"
	"zhijiao/internal/storage"
)

// Points, claims and appeals of a 科研考核 through the API. A teacher sees
// their own points (/research/my-points) and, from 公示 on, everyone's
// totals; the 科研处 sees everything with the explanations.

// researchAssessmentOf reads the assessment the path names, in the
// caller's school; false when it has answered (404 or an error).
func (a *API) researchAssessmentOf(w http.ResponseWriter, r *http.Request, c *call) (storage.ResearchAssessment, bool) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return storage.ResearchAssessment{}, false
	}
	ra, err := a.st.ResearchAssessment(r.Context(), c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return ra, false
	}
	return ra, true
}

func (a *API) researchAssessPoints(w http.ResponseWriter, r *http.Request, c *call) {
	ra, ok := a.researchAssessmentOf(w, r, c)
	if !ok {
		return
	}
	rows, err := a.st.ResearchPoints(r.Context(), c.school, ra.ID, 0)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, researchPointList{orEmpty(rows)})
}

// researchPublicRow is one line of the 公示: totals and ranks, without
// the explanation, which only the teacher and the 科研处 see.
type researchPublicRow struct {
	TeacherID      int64   `json:"teacher_id"`
	Name           string  `json:"name"`
	DepartmentName string  `json:"department_name,omitempty"`
	Points         float64 `json:"points"`
	Rank           int     `json:"rank"`
	DeptRank       int     `json:"department_rank"`
}

func (a *API) researchAssessPublicity(w http.ResponseWriter, r *http.Request, c *call) {
	ra, ok := a.researchAssessmentOf(w, r, c)
	if !ok {
		return
	}
	if !ra.Publicised() {
		fail(w, http.StatusNotFound, "该考核尚未公示")
		return
	}
	rows, err := a.st.ResearchTotals(r.Context(), c.school, ra.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := make([]researchPublicRow, len(rows))
	for i, x := range rows {
		out[i] = researchPublicRow{TeacherID: x.TeacherID, Name: x.Name, DepartmentName: x.DepartmentName, Points: x.Points, Rank: x.Rank, DeptRank: x.DeptRank}
	}
	writeJSON(w, http.StatusOK, researchPublicList{out})
}

func (a *API) researchMyPoints(w http.ResponseWriter, r *http.Request, c *call) {
	if c.user.TeacherID == 0 {
		writeJSON(w, http.StatusOK, researchTermList{[]storage.ResearchTermPoints{}})
		return
	}
	ts, err := a.st.TeacherResearchPoints(r.Context(), c.school, c.user.TeacherID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, researchTermList{orEmpty(ts)})
}

// researchClaimBody is the body of POST …/claims: the complete set of the
// teacher's claimed outputs. teacher_id is for the 科研处 claiming for a
// teacher; a teacher leaves it out.
type researchClaimBody struct {
	TeacherID int64   `json:"teacher_id,omitempty"`
	OutputIDs []int64 `json:"output_ids"`
}

func (a *API) researchAssessClaim(w http.ResponseWriter, r *http.Request, c *call) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return
	}
	var body researchClaimBody
	if !decode(w, r, &body) {
		return
	}
	office := a.authz.Can(c.user, "research:review")
	tid := c.user.TeacherID
	if body.TeacherID != 0 && body.TeacherID != tid {
		if !office {
			fail(w, http.StatusForbidden, "只能认领本人的成果")
			return
		}
		tid = body.TeacherID
	}
	if tid == 0 {
		invalid(w, []FieldError{{Field: "teacher_id", Reason: "当前账号未关联教师档案，请写明为哪位教师认领"}})
		return
	}
	if err := a.st.ClaimResearch(r.Context(), c.school, c.actor, id, tid, body.OutputIDs, office); err != nil {
		a.researchErr(w, r, err)
		return
	}
	rows, err := a.st.ResearchClaimable(r.Context(), c.school, id, tid)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, researchClaimList{orEmpty(rows)})
}

func (a *API) researchAppealList(w http.ResponseWriter, r *http.Request, c *call) {
	ra, ok := a.researchAssessmentOf(w, r, c)
	if !ok {
		return
	}
	aps, err := a.st.ResearchAppeals(r.Context(), c.school, ra.ID, 0)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, researchAppealList{orEmpty(aps)})
}

// researchAppealText is a teacher's appeal.
type researchAppealText struct {
	Reason string `json:"reason"`
}

func (a *API) researchAppealCreate(w http.ResponseWriter, r *http.Request, c *call) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return
	}
	var body researchAppealText
	if !decode(w, r, &body) {
		return
	}
	if c.user.TeacherID == 0 {
		fail(w, http.StatusUnprocessableEntity, "当前账号未关联教师档案")
		return
	}
	aid, err := a.st.AppealResearch(r.Context(), c.school, c.actor, id, c.user.TeacherID, body.Reason)
	if err != nil {
		a.researchErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, researchAppealCreated{aid})
}

// researchDecision is the 科研处's answer to an appeal.
type researchDecision struct {
	Uphold   bool   `json:"uphold"`
	Decision string `json:"decision,omitempty"`
}

func (a *API) researchAppealDecide(w http.ResponseWriter, r *http.Request, c *call) {
	id, ok1 := httpx.PathID(r, "id")
	appeal, ok2 := httpx.PathID(r, "appeal")
	if !ok1 || !ok2 {
		notFound(w)
		return
	}
	var body researchDecision
	if !decode(w, r, &body) {
		return
	}
	if err := a.st.DecideResearchAppeal(r.Context(), c.school, c.actor, id, appeal, body.Uphold, body.Decision); err != nil {
		a.researchErr(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// The lists of the 科研考核 API: small, whole, never paged.
type (
	researchVersionList struct {
		Items []storage.ResearchRuleVersion `json:"items"`
	}
	researchAssessItems struct {
		Items []storage.ResearchAssessment `json:"items"`
	}
	researchPointList struct {
		Items []storage.ResearchPointRow `json:"items"`
	}
	researchPublicList struct {
		Items []researchPublicRow `json:"items"`
	}
	researchTermList struct {
		Items []storage.ResearchTermPoints `json:"items"`
	}
	researchClaimList struct {
		Items []storage.ResearchClaimRow `json:"items"`
	}
	researchAppealList struct {
		Items []storage.ResearchAppeal `json:"items"`
	}
	researchAppealCreated struct {
		ID int64 `json:"id"`
	}
)
