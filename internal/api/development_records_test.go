package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// 培训与实践记录 through the API: a teacher's own certificate waits for the
// 人事处; another teacher and the other school get 404; a teacher cannot
// review; the 人事处 verifies it, enters a course for a teacher by 工号
// (verified at once), and a verified record is theirs to change.
func TestDevelopmentRecordsAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		head, subject, office := e.tokens["a1/head_teacher"], e.tokens["a1/subject_teacher"], e.tokens["a1/personnel_office"]
		cert := map[string]any{"kind": "证书", "title": "数控车工", "starts_on": "2025-06-01", "issuer": "市人社局", "number": "S1"}
		e.do("POST", "/development/records", subject, cert).want(http.StatusUnprocessableEntity, "an unknown kind")
		cert["kind"] = "certificate"
		delete(cert, "issuer")
		e.do("POST", "/development/records", subject, cert).want(http.StatusUnprocessableEntity, "no issuer")
		cert["issuer"] = "市人社局"
		e.do("POST", "/development/records", subject, map[string]any{"kind": "certificate", "title": "x", "starts_on": "2025-06-01", "issuer": "a", "number": "b",
			"teacher_id": e.a.TeacherHead.ID}).want(http.StatusForbidden, "a teacher writes for another")
		r := e.do("POST", "/development/records", subject, cert).want(http.StatusCreated, "create")
		if r.json()["status"] != "pending" || r.json()["source"] != "self" || r.json()["ends_on"] != "2025-06-01" {
			t.Errorf("created: %s", r.Body.String())
		}
		path := fmt.Sprintf("/development/records/%d", int64(r.json()["id"].(float64)))
		e.do("GET", path, head, nil).want(http.StatusNotFound, "another teacher")
		e.do("GET", path, e.tokens["b1/school_admin"], nil).want(http.StatusNotFound, "the other school")
		if got := e.do("GET", "/development/records", head, nil).want(http.StatusOK, "head's list").ids(); len(got) != 0 {
			t.Errorf("the head teacher sees others' records: %v", got)
		}
		e.do("POST", path+"/review", subject, map[string]any{"decision": "verify"}).want(http.StatusForbidden, "a teacher reviews")
		e.do("POST", path+"/review", office, map[string]any{"decision": "reject"}).want(http.StatusUnprocessableEntity, "reject without a reason")
		if r := e.do("POST", path+"/review", office, map[string]any{"decision": "verify"}).want(http.StatusOK, "verify"); r.json()["status"] != "verified" {
			t.Errorf("after verify: %s", r.Body.String())
		}
		e.do("PUT", path, subject, cert).want(http.StatusForbidden, "a teacher edits a verified record")
		course := map[string]any{"kind": "national", "title": "国培计划", "starts_on": "2026-07-06", "ends_on": "2026-07-24", "hours": 120, "staff_no": "T001"}
		r = e.do("POST", "/development/records", office, course).want(http.StatusCreated, "the office enters a course")
		if r.json()["status"] != "verified" || r.json()["teacher_name"] != "王老师" || r.json()["hours"] != 120.0 {
			t.Errorf("office's course: %s", r.Body.String())
		}
		if got := e.do("GET", "/development/records?kind=national&year=2026", office, nil).want(http.StatusOK, "office list").ids(); len(got) != 1 {
			t.Errorf("the office's filtered list: %v", got)
		}
		e.do("GET", "/development/records?year=x", office, nil).want(http.StatusBadRequest, "bad year")
		e.do("DELETE", path, office, nil).want(http.StatusUnprocessableEntity, "delete without a reason")
		e.do("DELETE", path+"?reason=重复", office, nil).want(http.StatusNoContent, "delete")
		e.do("DELETE", path+"?reason=again", office, nil).want(http.StatusNotFound, "delete twice")
	})
}

// A roster through the API: a bad teacher refuses all with its index, a
// good roster writes one verified record per teacher in one batch; the
// 人事处 records an enterprise's confirmation of a practice period.
func TestDevelopmentRosterAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		office, subject := e.tokens["a1/personnel_office"], e.tokens["a1/subject_teacher"]
		course := map[string]any{"kind": "national", "title": "国培计划", "starts_on": "2026-07-06", "ends_on": "2026-07-24", "hours": 120}
		body := map[string]any{"course": course, "teachers": []map[string]string{{"staff_no": "T001"}, {"staff_no": "T404"}}}
		r := e.do("POST", "/development/rosters", office, body).want(http.StatusUnprocessableEntity, "unknown teacher")
		if !strings.Contains(r.Body.String(), `"field":"teachers[1]"`) {
			t.Errorf("unknown teacher answer: %s", r.Body.String())
		}
		e.do("POST", "/development/rosters", subject, body).want(http.StatusForbidden, "a teacher imports")
		body["teachers"] = []map[string]string{{"staff_no": "T001", "name": "王老师"}, {"name": "李老师"}}
		r = e.do("POST", "/development/rosters", office, body).want(http.StatusCreated, "roster")
		if r.json()["records"] != 2.0 {
			t.Fatalf("roster: %s", r.Body.String())
		}
		batch := int64(r.json()["batch_id"].(float64))
		if got := e.do("GET", fmt.Sprintf("/development/records?batch=%d&status=verified", batch), office, nil).want(http.StatusOK, "batch").ids(); len(got) != 2 {
			t.Errorf("the batch: %v", got)
		}
		practice := map[string]any{"kind": "enterprise", "title": "工艺员", "starts_on": "2026-07-01", "ends_on": "2026-07-31", "days": 20,
			"enterprise_id": e.a.Enterprise.ID, "teacher_id": e.a.TeacherHead.ID}
		r = e.do("POST", "/development/records", office, practice).want(http.StatusCreated, "practice")
		path := fmt.Sprintf("/development/records/%d", int64(r.json()["id"].(float64)))
		e.do("POST", path+"/confirm", office, map[string]any{}).want(http.StatusUnprocessableEntity, "no one confirmed")
		if r := e.do("POST", path+"/confirm", office, map[string]any{"confirmed_by": "周经理"}).want(http.StatusOK, "confirm"); r.json()["enterprise_confirmed"] != true {
			t.Errorf("confirmed: %s", r.Body.String())
		}
		e.do("POST", path+"/confirm", e.tokens["b1/personnel_office"], map[string]any{"confirmed_by": "x"}).want(http.StatusNotFound, "the other school")
	})
}
