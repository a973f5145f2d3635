package api

import (
	"context"
	"testing"

	"zhijiao/internal/model"
)

// TestChecksAPI: a duty teacher records one reason for two classes, a
// student sees nothing of the day until the 德育处 publishes it, then the
// board and the week's ranking; bad bodies are refused whole, and a
// student may not record. Both engines.
func TestChecksAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx, sid := context.Background(), e.a.School.ID
		if err := e.st.AdoptDefaultCheckItems(ctx, sid, model.SystemActor); err != nil {
			t.Fatal(err)
		}
		items, _ := e.st.CheckItems(ctx, sid, true)
		day := "2026-09-11"
		body := map[string]any{"day": day, "item_id": items[0].ID, "class_ids": []int64{e.a.ClassA.ID, e.a.ClassB.ID}, "points": -1, "reason": "课堂喧哗"}
		r := e.do("POST", "/checks/entries", e.tokens["a1/duty_teacher"], body).want(201, "record")
		if ids := r.json()["ids"].([]any); len(ids) != 2 {
			t.Fatalf("ids %v", ids)
		}
		e.do("POST", "/checks/entries", e.tokens["a1/student"], body).want(403, "a student records")
		for _, bad := range []map[string]any{
			{"day": "2099-01-01", "item_id": items[0].ID, "class_ids": []int64{e.a.ClassA.ID}, "points": -1, "reason": "x"},
			{"day": day, "item_id": items[0].ID, "class_ids": []int64{e.a.ClassA.ID, e.b.ClassA.ID}, "points": -1, "reason": "x"},
			{"day": day, "item_id": items[0].ID, "class_ids": []int64{e.a.ClassA.ID}, "points": 0, "reason": ""},
		} {
			e.do("POST", "/checks/entries", e.tokens["a1/duty_teacher"], bad).want(422, "bad entry")
		}
		b := e.do("GET", "/checks/board?day="+day, e.tokens["a1/student"], nil).want(200, "board before publishing").json()
		if b["published"] != false || len(b["classes"].([]any)) != 0 {
			t.Errorf("a student sees an unpublished day: %v", b)
		}
		if err := e.st.PublishCheckDay(ctx, sid, model.SystemActor, day, day); err != nil {
			t.Fatal(err)
		}
		b = e.do("GET", "/checks/board?day="+day, e.tokens["a1/parent"], nil).want(200, "board").json()
		if cs := b["classes"].([]any); len(cs) != 2 || cs[0].(map[string]any)["score"].(float64) != 99 {
			t.Errorf("board %v", b)
		}
		rk := e.do("GET", "/checks/rankings?period=week&day="+day, e.tokens["a1/student"], nil).want(200, "ranking").json()
		if len(rk["standings"].([]any)) != 2 || len(rk["flags"].([]any)) != 2 {
			t.Errorf("ranking %v", rk) // two classes tied: both get the flag
		}
		e.do("GET", "/checks/rankings?period=year", e.tokens["a1/student"], nil).want(400, "a bad period")
		// The other school sees none of it.
		if cs := e.do("GET", "/checks/board?day="+day, e.tokens["b1/school_admin"], nil).want(200, "other school").json()["classes"].([]any); len(cs) != 0 {
			t.Errorf("another school's board: %v", cs)
		}
	})
}
