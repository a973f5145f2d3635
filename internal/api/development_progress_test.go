package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testfix"
)

// Progress through the API: a teacher reads their own line, the 人事处
// the school's; settings refuse a bad value with its reason and keep the
// old; a recognition of another school's teacher is a 404.
func TestDevelopmentProgressAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		renke, renshi := e.tokens["a1/subject_teacher"], e.tokens["a1/personnel_office"]
		testfix.ProgressRecord(t, e.st, e.a.School.ID, e.a.TeacherSubject.ID,
			teacherdev.Fact{Kind: teacherdev.KindNational, StartsOn: "2026-03-01", EndsOn: "2026-03-05", Hours: 40}, "国培")
		var own devProgressList
		if err := json.Unmarshal(e.do("GET", "/development/progress", renke, nil).want(http.StatusOK, "own progress").Body.Bytes(), &own); err != nil {
			t.Fatal(err)
		}
		if len(own.Items) != 1 || own.Items[0].ID != e.a.TeacherSubject.ID || own.Items[0].Training.Done != 40 || own.Items[0].Practice.Status != teacherdev.Behind {
			t.Fatalf("own progress = %+v", own.Items)
		}
		var all devProgressList
		json.Unmarshal(e.do("GET", "/development/progress?status=behind", renshi, nil).want(http.StatusOK, "school progress").Body.Bytes(), &all)
		if len(all.Items) != 1 || all.Cycle == "" {
			t.Errorf("behind in the school = %+v", all.Items)
		}
		with := func(hours float64) teacherdev.Requirements {
			r := teacherdev.DefaultRequirements()
			r.CycleHours = hours
			return r
		}
		e.do("PUT", "/development/settings", renshi, with(0)).want(http.StatusUnprocessableEntity, "zero hours")
		e.do("PUT", "/development/settings", renshi, with(300)).want(http.StatusOK, "300 hours")
		e.do("PUT", "/development/settings", renke, with(1)).want(http.StatusForbidden, "a teacher's settings")
		var req teacherdev.Requirements
		json.Unmarshal(e.do("GET", "/development/settings", renshi, nil).want(http.StatusOK, "settings").Body.Bytes(), &req)
		if req.CycleHours != 300 || req.PracticeDays != 180 {
			t.Errorf("settings = %+v", req)
		}
		e.do("POST", "/development/recognitions", renshi, map[string]any{"teacher_id": e.b.TeacherSubject.ID, "level": "初级", "recognised_on": "2026-11-01"}).want(http.StatusNotFound, "other school")
		e.do("POST", "/development/recognitions", renshi, map[string]any{"teacher_id": e.a.TeacherSubject.ID, "level": "甲级", "recognised_on": "2026-11-01"}).want(http.StatusUnprocessableEntity, "bad level")
		e.do("POST", "/development/recognitions", renshi, map[string]any{"teacher_id": e.a.TeacherSubject.ID, "level": "初级", "recognised_on": "2026-11-01"}).want(http.StatusCreated, "recognise")
		var lists devDualLists
		json.Unmarshal(e.do("GET", "/development/recognitions", renshi, nil).want(http.StatusOK, "lists").Body.Bytes(), &lists)
		if len(lists.Recognised) != 1 || len(lists.Unsupported) != 1 {
			t.Errorf("lists = %+v", lists)
		}
		e.do("POST", "/development/recognitions/revoke", renshi, map[string]any{"teacher_id": e.a.TeacherSubject.ID, "revoked_on": "2026-11-02", "reason": "无证书"}).want(http.StatusNoContent, "revoke")
	})
}
