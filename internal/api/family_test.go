package api

import (
	"context"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/notify"
	"zhijiao/internal/storage"
)

// TestFamilyConductAPI: a parent reads their child's conduct (praise
// first, with the notice sent) and not a classmate's; the head teacher's
// talk list has the child until a talk is posted; a talk about another
// class or dated in the future is refused.
func TestFamilyConductAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx, f := context.Background(), e.a
		day := func(ago int) string {
			return time.Now().In(storage.SchoolZone).AddDate(0, 0, -ago).Format("2006-01-02")
		}
		var es []*model.Evidence
		for i, p := range []float64{2, -1, -1, -1} {
			es = append(es, &model.Evidence{StudentID: f.StudentA1.ID, TermID: f.Term.ID, Kind: model.EvidenceBehaviour,
				Title: "记录" + id(int64(i)), Category: "守时守纪", Points: p, Date: day(4 - i)})
		}
		if err := e.st.CreateEvidenceVerifiedBulk(ctx, f.School.ID, model.SystemActor, es, "测试"); err != nil {
			t.Fatal(err)
		}
		if _, err := notify.ConductAlerts(ctx, e.st, notify.InApp{St: e.st}, f.School.ID, model.SystemActor, []int64{f.StudentA1.ID}, time.Now()); err != nil {
			t.Fatal(err)
		}
		parent := e.tokens["a1/parent"]
		body := e.do("GET", "/students/"+id(f.StudentA1.ID)+"/conduct", parent, nil).want(200, "parent reads the child").json()
		recs := body["records"].([]any)
		if len(recs) != 4 || recs[0].(map[string]any)["points"].(float64) != 2 {
			t.Fatalf("records %v: want four, the praise first", recs)
		}
		if alerts := body["alerts"].([]any); len(alerts) != 1 {
			t.Fatalf("alerts %v, want the one sent", alerts)
		}
		e.do("GET", "/students/"+id(f.StudentA2.ID)+"/conduct", parent, nil).want(404, "parent reads a classmate")
		e.do("GET", "/students/"+id(f.StudentA1.ID)+"/conduct", e.tokens["a1/student2"], nil).want(404, "a student reads another")
		e.do("GET", "/conduct/talks", parent, nil).want(403, "parent reads the talk list")

		ht := e.tokens["a1/head_teacher"]
		list := e.do("GET", "/conduct/talks", ht, nil).want(200, "talk list").Body.String()
		if !strings.Contains(list, f.StudentA1.Name) || !strings.Contains(list, "30 天内 3 次扣分") {
			t.Fatalf("talk list lacks the child: %s", list)
		}
		e.do("POST", "/conduct/talks", ht, map[string]any{"student_id": f.StudentB1.ID, "held_on": day(0)}).want(404, "talk about another class")
		e.do("POST", "/conduct/talks", ht, map[string]any{"student_id": f.StudentA1.ID, "held_on": day(-3)}).want(422, "talk in the future")
		e.do("POST", "/conduct/talks", ht, map[string]any{"student_id": f.StudentA1.ID, "held_on": day(0), "note": "谈了"}).want(201, "talk")
		if list := e.do("GET", "/conduct/talks", ht, nil).want(200, "talk list").json(); list["total"].(float64) != 0 {
			t.Fatalf("after the talk the list still has %v", list["items"])
		}
		if strings.Contains(e.do("GET", "/students/"+id(f.StudentA1.ID)+"/conduct", parent, nil).Body.String(), "谈了") {
			t.Fatal("the family sees the staff's talk")
		}
	})
}
