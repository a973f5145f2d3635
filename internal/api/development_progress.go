package api

import (
	"net/http"
	"time"

	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// Requirements, progress and 双师型 through the API
// (docs/teachers.md §3 section 3), with the storage methods and
// rules of the pages: progress is a teacher's own, a department head's
// departments' or (development:read) the whole school's.

func developmentProgressRoutes() []route {
	return []route{
		{Method: "GET", Path: "/development/progress", Perm: "development:record", School: true, H: (*API).devProgress},
		{Method: "GET", Path: "/development/settings", Perm: "development:read", School: true, H: (*API).devSettingsGet},
		{Method: "PUT", Path: "/development/settings", Perm: "development:manage", School: true, H: (*API).devSettingsPut},
		{Method: "GET", Path: "/development/recognitions", Perm: "development:read", School: true, H: (*API).devRecognitions},
		{Method: "POST", Path: "/development/recognitions", Perm: "development:manage", School: true, H: (*API).devRecognise},
		{Method: "POST", Path: "/development/recognitions/revoke", Perm: "development:manage", School: true, H: (*API).devRevoke},
	}
}

// devMeasure is a teacher's standing against one requirement.
type devMeasure struct {
	Status  string  `json:"status"`
	Target  float64 `json:"target"`
	Done    float64 `json:"done"`
	Pending float64 `json:"pending"`
	Needed  float64 `json:"needed"`
	PerYear float64 `json:"per_year"`
	From    string  `json:"from"`
	Until   string  `json:"until"`
}

type devRecognition struct {
	Level        string `json:"level"`
	RecognisedOn string `json:"recognised_on"`
	Basis        string `json:"basis,omitempty"`
}

type devDual struct {
	SupportedLevel string          `json:"supported_level"`
	Reasons        []string        `json:"reasons"`
	Missing        []string        `json:"missing"`
	Recognition    *devRecognition `json:"recognition,omitempty"`
}

type devProgressItem struct {
	storage.DevTeacher
	Training           devMeasure `json:"training"`
	Practice           devMeasure `json:"practice"`
	NeedsFirstPractice bool       `json:"needs_first_practice"`
	Dual               devDual    `json:"dual"`
	// Certificates are the ones to renew (docs/teachers.md §3.4).
	Certificates []teacherdev.CertNotice `json:"certificates"`
}

type devProgressList struct {
	Cycle        string                  `json:"cycle"`
	Requirements teacherdev.Requirements `json:"requirements"`
	Items        []devProgressItem       `json:"items"`
}

func measureOf(m teacherdev.Measure) devMeasure {
	return devMeasure{Status: m.Status, Target: m.Target, Done: m.Done, Pending: m.Pending, Needed: m.Needed, PerYear: m.PerYear,
		From: m.From.Format(time.DateOnly), Until: m.Until.Format(time.DateOnly)}
}

func progressItem(p storage.TeacherProgress) devProgressItem {
	it := devProgressItem{DevTeacher: p.DevTeacher, Training: measureOf(p.Training), Practice: measureOf(p.Practice), NeedsFirstPractice: p.NeedsFirstPractice,
		Dual: devDual{SupportedLevel: p.Dual.Level, Reasons: nonNil(p.Dual.Reasons), Missing: nonNil(p.Dual.Missing)}, Certificates: nonNil(p.Certs)}
	if g := p.Recognition; g != nil {
		it.Dual.Recognition = &devRecognition{Level: g.Level, RecognisedOn: g.RecognisedOn, Basis: g.Basis}
	}
	return it
}

// devScope is whose progress the caller reads.
func (a *API) devScope(r *http.Request, c *call) (storage.DevScope, error) {
	if a.authz.Can(c.user, "development:read") {
		return storage.DevScope{}, nil
	}
	if a.authz.Can(c.user, "development:read_dept") {
		depts, err := a.st.DepartmentsHeadedBy(r.Context(), c.school, c.user.ID)
		return storage.DevScope{Scoped: true, DepartmentIDs: depts}, err
	}
	if c.user.TeacherID == 0 {
		return storage.DevScope{Scoped: true}, nil
	}
	return storage.DevScope{TeacherID: c.user.TeacherID}, nil
}

func apiToday() time.Time {
	t, _ := time.Parse(time.DateOnly, storage.Today())
	return t
}

// devProgress lists each teacher in scope; ?status=behind|at_risk keeps
// the teachers whose worst measure has that status.
func (a *API) devProgress(w http.ResponseWriter, r *http.Request, c *call) {
	sc, err := a.devScope(r, c)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	f, err := a.st.DevelopmentFacts(r.Context(), c.school, sc)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	status := r.URL.Query().Get("status")
	out := devProgressList{Cycle: f.Requirements.CycleLabel(apiToday()), Requirements: f.Requirements, Items: []devProgressItem{}}
	for _, p := range f.Progress(apiToday()) {
		if status == "" || p.Worst() == status {
			out.Items = append(out.Items, progressItem(p))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) devSettingsGet(w http.ResponseWriter, r *http.Request, c *call) {
	req, err := a.st.DevelopmentRequirements(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, req)
}

// devSettingsPut replaces the requirements; every problem comes back in
// one 422 and nothing is saved.
func (a *API) devSettingsPut(w http.ResponseWriter, r *http.Request, c *call) {
	req := teacherdev.DefaultRequirements()
	if !decode(w, r, &req) {
		return
	}
	if ps := req.Problems(); ps != nil {
		var errs []FieldError
		for _, p := range ps {
			errs = append(errs, FieldError{Field: "requirements", Reason: p})
		}
		invalid(w, errs)
		return
	}
	if err := a.st.SaveDevelopmentRequirements(r.Context(), c.school, c.actor, req); err != nil {
		a.researchErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, req)
}

// nonNil makes an empty list [] in JSON, as the document says.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
