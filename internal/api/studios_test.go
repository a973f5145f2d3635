package api

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"zhijiao/internal/testfix"
)

// Studios through the API: the 人事处 creates one and records an
// activity, teachers read, students may not, bad input is a 422 naming
// the field and another school's studio is a 404.
func TestStudiosAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		hr, teacher := e.tokens["a1/personnel_office"], e.tokens["a1/subject_teacher"]
		body := map[string]any{"name": "电商名师工作室", "kind": "名师工作室", "level": "校级", "host_teacher_id": e.a.TeacherSubject.ID, "founded_on": "2022-09-01"}
		r := e.do("POST", "/studios", hr, body).want(http.StatusCreated, "create")
		id := strconv.FormatInt(int64(r.json()["id"].(float64)), 10)
		e.do("POST", "/studios", hr, body).want(http.StatusUnprocessableEntity, "the same name again")
		bad := map[string]any{"name": "x", "kind": "跳舞工作室", "level": "校级", "host_teacher_id": e.a.TeacherSubject.ID, "founded_on": "2022-09-01"}
		if r := e.do("POST", "/studios", hr, bad).want(http.StatusUnprocessableEntity, "bad kind"); !strings.Contains(r.Body.String(), `"kind"`) {
			t.Errorf("bad kind: %s", r.Body.String())
		}
		e.do("POST", "/studios", teacher, body).want(http.StatusForbidden, "a teacher creates")
		e.do("POST", "/studios/"+id+"/activities", hr, map[string]any{"held_on": "2026-03-02", "kind": "讲座", "title": "直播电商讲座", "hours": 2}).want(http.StatusCreated, "activity")
		r = e.do("GET", "/studios/"+id, teacher, nil).want(http.StatusOK, "teacher reads")
		if s := r.Body.String(); !strings.Contains(s, "直播电商讲座") || !strings.Contains(s, `"members":[]`) {
			t.Errorf("studio: %s", s)
		}
		r = e.do("GET", "/studios/"+id+"/summary?year=2026", teacher, nil).want(http.StatusOK, "summary")
		if s := r.Body.String(); !strings.Contains(s, `"activities":1`) || !strings.Contains(s, `"hours":2`) {
			t.Errorf("summary: %s", s)
		}
		e.do("GET", "/studios/"+id+"/summary?year=x", teacher, nil).want(http.StatusUnprocessableEntity, "bad year")
		e.do("GET", "/studios", e.tokens["a1/student"], nil).want(http.StatusForbidden, "a student lists")
		other := strconv.FormatInt(testfix.AddStudio(t, e.st, e.b, "外校工作室"), 10)
		e.do("GET", "/studios/"+other, hr, nil).want(http.StatusNotFound, "another school's studio")
		e.do("POST", "/studios/"+other+"/activities", hr, map[string]any{"held_on": "2026-03-02", "kind": "讲座", "title": "x"}).want(http.StatusNotFound, "another school's activity")
	})
}
