package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"zhijiao/internal/httpx"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/validate"
)

// 工作室 through the API (docs/teachers.md §2 and §4 section 2): the list, a
// studio with its members, plans and activities, its yearly summary, and
// adding a studio or an activity, with the storage methods and validate
// rules of the pages.

// studioDetail is one studio as GET /studios/{id} answers.
type studioDetail struct {
	Studio     teacherdev.Studio           `json:"studio"`
	Members    []teacherdev.StudioMember   `json:"members"`
	Plans      []teacherdev.StudioPlan     `json:"plans"`
	Activities []teacherdev.StudioActivity `json:"activities"`
}

// newStudio is the body of POST /studios.
type newStudio struct {
	Name          string `json:"name"`
	Kind          string `json:"kind"`
	Level         string `json:"level"`
	HostTeacherID int64  `json:"host_teacher_id"`
	FoundedOn     string `json:"founded_on"`
	ClosedOn      string `json:"closed_on,omitempty"`
	Description   string `json:"description,omitempty"`
}

// newStudioActivity is the body of POST /studios/{id}/activities.
type newStudioActivity struct {
	HeldOn   string  `json:"held_on"`
	Kind     string  `json:"kind"`
	Title    string  `json:"title"`
	Note     string  `json:"note,omitempty"`
	Hours    float64 `json:"hours,omitempty"`
	OutputID int64   `json:"output_id,omitempty"`
}

func (a *API) studioList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	list, err := a.st.Studios(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page(orEmpty(list), l))
}

// studioOf reads the studio in the path; another school's is not found.
func (a *API) studioOf(w http.ResponseWriter, r *http.Request, c *call) (teacherdev.Studio, bool) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return teacherdev.Studio{}, false
	}
	x, err := a.st.Studio(r.Context(), c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return x, false
	}
	return x, true
}

func (a *API) studioShow(w http.ResponseWriter, r *http.Request, c *call) {
	x, ok := a.studioOf(w, r, c)
	if !ok {
		return
	}
	d := studioDetail{Studio: x}
	var err error
	if d.Members, err = a.st.StudioMembers(r.Context(), c.school, x.ID); err == nil {
		if d.Plans, err = a.st.StudioPlans(r.Context(), c.school, x.ID); err == nil {
			d.Activities, err = a.st.StudioActivities(r.Context(), c.school, x.ID)
		}
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d.Members, d.Plans, d.Activities = orEmpty(d.Members), orEmpty(d.Plans), orEmpty(d.Activities)
	writeJSON(w, http.StatusOK, d)
}

func (a *API) studioSummary(w http.ResponseWriter, r *http.Request, c *call) {
	year := time.Now().Year()
	if v := newQuery(r).str("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1990 || y > year+1 {
			invalid(w, []FieldError{{Field: "year", Reason: "应为 1990 到明年之间的年份"}})
			return
		}
		year = y
	}
	x, ok := a.studioOf(w, r, c)
	if !ok {
		return
	}
	sum, err := a.st.StudioYear(r.Context(), c.school, x.ID, year)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, sum)
}

func (a *API) studioCreate(w http.ResponseWriter, r *http.Request, c *call) {
	var b newStudio
	if !decode(w, r, &b) {
		return
	}
	var rep fieldReporter
	st := validate.Studio(validate.StudioText{Name: b.Name, Kind: b.Kind, Level: b.Level, Host: strconv.FormatInt(b.HostTeacherID, 10),
		FoundedOn: b.FoundedOn, ClosedOn: b.ClosedOn, Description: b.Description}, &rep)
	if len(rep) > 0 {
		invalid(w, rep)
		return
	}
	if err := a.st.SaveStudio(r.Context(), c.school, c.actor, &st); err != nil {
		a.studioErr(w, r, err)
		return
	}
	x, err := a.st.Studio(r.Context(), c.school, st.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, x)
}

func (a *API) studioActivityCreate(w http.ResponseWriter, r *http.Request, c *call) {
	x, ok := a.studioOf(w, r, c)
	if !ok {
		return
	}
	var b newStudioActivity
	if !decode(w, r, &b) {
		return
	}
	in := validate.StudioActivityText{HeldOn: b.HeldOn, Kind: b.Kind, Title: b.Title, Note: b.Note}
	if b.Hours != 0 {
		in.Hours = strconv.FormatFloat(b.Hours, 'f', -1, 64)
	}
	if b.OutputID != 0 {
		in.Output = strconv.FormatInt(b.OutputID, 10)
	}
	var rep fieldReporter
	act := validate.StudioActivity(in, &rep)
	if len(rep) > 0 {
		invalid(w, rep)
		return
	}
	if err := a.st.AddStudioActivity(r.Context(), c.school, c.actor, x.ID, &act); err != nil {
		a.studioErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, act)
}

// studioErr answers a refusal (a name taken, a host or output not the
// school's) with 422 and its Chinese reason, anything else as storeErr.
func (a *API) studioErr(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, storage.ErrRefused) {
		fail(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	a.storeErr(w, r, err)
}
