package api

import (
	"errors"
	"net/http"
	"strings"

	"zhijiao/internal/httpx"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// 科研考核 through the API (docs/research.md section 2): the rule table and
// its versions, the term's assessments and their walk, points (a
// teacher's own, or everyone's for the 科研处), claims and appeals, with
// the storage methods of the pages.

func researchAssessRoutes() []route {
	return []route{
		{Method: "GET", Path: "/research/rules", Perm: "research:read", School: true, H: (*API).researchRulesGet},
		{Method: "PUT", Path: "/research/rules", Perm: "research:manage", School: true, H: (*API).researchRulesPut},
		{Method: "GET", Path: "/research/rule-versions", Perm: "research:read", School: true, H: (*API).researchRuleVersions},
		{Method: "GET", Path: "/research/assessments", Perm: "research:read", School: true, H: (*API).researchAssessList},
		{Method: "POST", Path: "/research/assessments", Perm: "research:manage", School: true, H: (*API).researchAssessCreate},
		{Method: "GET", Path: "/research/assessments/{id}", Perm: "research:read", School: true, H: (*API).researchAssessGet},
		{Method: "POST", Path: "/research/assessments/{id}/transition", Perm: "research:decide", School: true, H: (*API).researchAssessTransition},
		{Method: "GET", Path: "/research/assessments/{id}/points", Perm: "research:read", School: true, H: (*API).researchAssessPoints},
		{Method: "GET", Path: "/research/assessments/{id}/publicity", Perm: "research:record", School: true, H: (*API).researchAssessPublicity},
		{Method: "POST", Path: "/research/assessments/{id}/claims", Perm: "research:record", School: true, H: (*API).researchAssessClaim},
		{Method: "GET", Path: "/research/assessments/{id}/appeals", Perm: "research:read", School: true, H: (*API).researchAppealList},
		{Method: "POST", Path: "/research/assessments/{id}/appeals", Perm: "research:appeal", School: true, H: (*API).researchAppealCreate},
		{Method: "POST", Path: "/research/assessments/{id}/appeals/{appeal}", Perm: "research:decide", School: true, H: (*API).researchAppealDecide},
		{Method: "GET", Path: "/research/my-points", Perm: "research:claim", School: true, H: (*API).researchMyPoints},
	}
}

// researchErr answers a refusal with 422 and its Chinese message, a
// missing object with 404 and anything else with 500.
func (a *API) researchErr(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, storage.ErrRefused) {
		fail(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	a.storeErr(w, r, err)
}

func (a *API) researchRulesGet(w http.ResponseWriter, r *http.Request, c *call) {
	v, err := a.st.ResearchRules(r.Context(), c.school, c.actor)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// researchRulesBody is the body of PUT /research/rules.
type researchRulesBody struct {
	Rules research.RuleSet `json:"rules"`
	Note  string           `json:"note,omitempty"`
}

// researchRulesPut stores the rules as the next version; every problem
// of the table comes back in one 422.
func (a *API) researchRulesPut(w http.ResponseWriter, r *http.Request, c *call) {
	var body researchRulesBody
	if !decode(w, r, &body) {
		return
	}
	if err := body.Rules.Validate(); err != nil {
		var errs []FieldError
		for _, line := range strings.Split(err.Error(), "\n") {
			errs = append(errs, FieldError{Field: "rules", Reason: line})
		}
		invalid(w, errs)
		return
	}
	v, err := a.st.SaveResearchRules(r.Context(), c.school, c.actor, body.Rules, body.Note)
	if err != nil {
		a.researchErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (a *API) researchRuleVersions(w http.ResponseWriter, r *http.Request, c *call) {
	vs, err := a.st.ResearchRuleVersions(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, researchVersionList{orEmpty(vs)})
}

func (a *API) researchAssessList(w http.ResponseWriter, r *http.Request, c *call) {
	as, err := a.st.ResearchAssessments(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, researchAssessItems{orEmpty(as)})
}

// researchAssessNew is the body of POST /research/assessments.
type researchAssessNew struct {
	TermID        int64  `json:"term_id"`
	Name          string `json:"name,omitempty"`
	FromOn        string `json:"from_on,omitempty"`
	ToOn          string `json:"to_on,omitempty"`
	PublicityDays int    `json:"publicity_days,omitempty"`
}

func (a *API) researchAssessCreate(w http.ResponseWriter, r *http.Request, c *call) {
	var body researchAssessNew
	if !decode(w, r, &body) {
		return
	}
	ra, err := a.st.CreateResearchAssessment(r.Context(), c.school, c.actor, storage.NewResearchAssessment(body))
	if errors.Is(err, storage.ErrNotFound) {
		invalid(w, []FieldError{{Field: "term_id", Reason: "学期不存在"}})
		return
	}
	if err != nil {
		a.researchErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ra)
}

// researchAssessBody is an assessment with where it stands.
type researchAssessBody struct {
	Assessment storage.ResearchAssessment `json:"assessment"`
	Progress   storage.ResearchProgress   `json:"progress"`
}

func (a *API) researchAssessGet(w http.ResponseWriter, r *http.Request, c *call) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return
	}
	ra, p, err := a.st.ResearchProgress(r.Context(), c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, researchAssessBody{ra, p})
}

// researchTransition is the body of POST …/transition: the state to move
// to; "computed" computes (again).
type researchTransition struct {
	To string `json:"to"`
}

func (a *API) researchAssessTransition(w http.ResponseWriter, r *http.Request, c *call) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return
	}
	var body researchTransition
	if !decode(w, r, &body) {
		return
	}
	var err error
	if body.To == research.StateComputed {
		_, err = a.st.ComputeResearch(r.Context(), c.school, c.actor, id)
	} else {
		err = a.st.MoveResearchAssessment(r.Context(), c.school, c.actor, id, body.To)
	}
	if err != nil {
		a.researchErr(w, r, err)
		return
	}
	a.researchAssessGet(w, r, c)
}
