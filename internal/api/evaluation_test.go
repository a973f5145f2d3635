package api

import (
	"context"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// TestRatingThroughAPI: a student's token lists their tasks and submits a
// self-rating form; the refusals of the rating page hold here too.
func TestRatingThroughAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		sid := e.a.School.ID
		f := eval.DefaultFramework()
		if err := e.st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &f); err != nil {
			t.Fatal(err)
		}
		c := storage.EvalCycle{Cycle: model.Cycle{TermID: e.a.Term.ID, Name: "本学期评价", FrameworkID: f.ID, PeerCount: 1, Seed: 3}}
		if err := e.st.CreateCycle(ctx, sid, model.SystemActor, &c); err != nil {
			t.Fatal(err)
		}
		if _, err := evalrun.Open(ctx, e.st, sid, model.SystemActor, c.ID); err != nil {
			t.Fatal(err)
		}
		stu := e.tokens["a1/"+model.RoleStudent]
		e.do("GET", "/frameworks/"+id(f.ID), e.tokens["a1/"+model.RoleSchoolAdmin], nil).want(200, "admin reads the framework")
		e.do("GET", "/frameworks/"+id(f.ID), e.tokens["b1/"+model.RoleSchoolAdmin], nil).want(404, "another school's framework")
		e.do("GET", "/cycles/"+id(c.ID), e.tokens["a1/"+model.RoleHeadTeacher], nil).want(200, "head teacher reads the cycle")
		e.do("GET", "/cycles", stu, nil).want(403, "students do not manage cycles")
		tasks := e.do("GET", "/rating-tasks", stu, nil).want(200, "student's tasks").json()
		if n := tasks["total"].(float64); n < 2 {
			t.Fatalf("student has %v tasks, want self and peer", n)
		}
		form := map[string]any{"role": "self", "student_id": e.a.StudentA1.ID, "comment": "认真负责"}
		var vals []map[string]any
		for _, ind := range eval.Indicators(f) {
			if ind.RoleWeights[model.RaterSelf] == 0 {
				continue
			}
			v := map[string]any{"indicator_code": ind.Code}
			switch ind.Scale.Kind {
			case model.ScaleLevels:
				v["level"] = ind.Scale.Levels[0].Name
			case model.ScaleRating5:
				v["value"] = 5
			default:
				v["value"] = 95 // students choose: 优秀 is 95 on the default framework
			}
			vals = append(vals, v)
		}
		form["ratings"] = vals
		path := "/cycles/" + id(c.ID) + "/ratings"
		r := e.do("POST", path, stu, form).want(200, "self rating").json()
		if r["written"].(float64) != float64(len(vals)) {
			t.Fatalf("written %v, want %d", r["written"], len(vals))
		}
		if r := e.do("POST", path, stu, form).want(200, "same form again").json(); r["written"].(float64) != 0 {
			t.Fatalf("identical resubmission wrote %v", r["written"])
		}
		other := map[string]any{"role": "self", "student_id": e.a.StudentA2.ID, "ratings": vals}
		e.do("POST", path, stu, other).want(422, "rating someone else as self")
		asTeacher := map[string]any{"role": "head_teacher", "student_id": e.a.StudentA1.ID, "ratings": vals}
		e.do("POST", path, stu, asTeacher).want(403, "a role the student does not hold")
		bad := map[string]any{"role": "self", "student_id": e.a.StudentA1.ID, "ratings": []map[string]any{{"indicator_code": vals[0]["indicator_code"], "value": 150}}}
		e.do("POST", path, stu, bad).want(422, "value off the scale")
		e.do("POST", "/cycles/"+id(c.ID)+"/ratings", e.tokens["b1/"+model.RoleStudent], map[string]any{"role": "self", "student_id": e.b.StudentA1.ID, "ratings": vals}).
			want(404, "another school's cycle")
		e.do("POST", path, e.tokens["a1/"+model.RoleResearch], form).want(403, "research office does not rate")
		n, _ := e.st.RatingCount(ctx, sid, c.ID)
		if n != len(vals) {
			t.Fatalf("%d ratings stored, want %d", n, len(vals))
		}
	})
}
