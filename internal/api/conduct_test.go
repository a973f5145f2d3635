package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Batch recording through the API: the head teacher's classes only, the
// student council's records wait, students and parents may not record,
// and the list is scoped like the pages.
func TestConductAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		sid := e.a.School.ID
		if _, err := e.st.AdoptDefaultDescriptors(ctx, sid, model.SystemActor); err != nil {
			t.Fatal(err)
		}
		head, council := e.tokens["a1/head_teacher"], e.tokens["a1/student_council"]
		r := e.do("GET", "/conduct/descriptors?per_page=100", head, nil).want(http.StatusOK, "descriptors")
		var late int64
		for _, it := range r.json()["items"].([]any) {
			m := it.(map[string]any)
			if m["name"] == "早操迟到" {
				late = int64(m["id"].(float64))
			}
		}
		if late == 0 {
			t.Fatal("no 早操迟到 among the descriptors")
		}
		batch := func(ids ...int64) map[string]any {
			return map[string]any{"descriptor_id": late, "student_ids": ids}
		}
		r = e.do("POST", "/conduct/records", head, batch(e.a.StudentA1.ID, e.a.StudentA2.ID)).want(http.StatusCreated, "head teacher's batch")
		if !strings.Contains(r.Body.String(), `"status":"verified"`) {
			t.Errorf("head teacher's records: %s", r.Body.String())
		}
		e.do("POST", "/conduct/records", head, batch(e.a.StudentB1.ID)).want(http.StatusUnprocessableEntity, "class B by the head teacher of A")
		e.do("POST", "/conduct/records", head, batch(e.b.StudentA1.ID)).want(http.StatusUnprocessableEntity, "another school's student")
		e.do("POST", "/conduct/records", head, map[string]any{"descriptor_id": late}).want(http.StatusUnprocessableEntity, "no students")
		r = e.do("POST", "/conduct/records", council, batch(e.a.StudentB1.ID)).want(http.StatusCreated, "council batch")
		if !strings.Contains(r.Body.String(), `"status":"pending"`) {
			t.Errorf("council's record: %s", r.Body.String())
		}
		for _, k := range []string{"student", "parent", "subject_teacher"} {
			e.do("POST", "/conduct/records", e.tokens["a1/"+k], batch(e.a.StudentA1.ID)).want(http.StatusForbidden, k+" records")
		}
		if got := e.do("GET", "/conduct/records", council, nil).want(http.StatusOK, "council lists records").ids(); len(got) != 0 {
			t.Errorf("the student council reads records: %v", got)
		}
		if got := e.do("GET", "/conduct/records", head, nil).want(http.StatusOK, "head teacher's list").ids(); len(got) != 2 {
			t.Errorf("head teacher sees %v, want class A's two records", got)
		}
		r = e.do("GET", "/conduct/records?awaiting=confirm", e.tokens["a1/moral_office"], nil).want(http.StatusOK, "queue")
		if got := r.ids(); len(got) != 1 {
			t.Errorf("德育处 queue %v", got)
		}
		rows, _, err := e.st.ListConduct(ctx, sid, storage.ConductFilter{})
		if err != nil || len(rows) != 3 {
			t.Fatalf("stored %d %v", len(rows), err)
		}
	})
}
