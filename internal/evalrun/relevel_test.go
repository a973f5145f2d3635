package evalrun_test

import (
	"strings"
	"testing"

	"zhijiao/internal/bench"
	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// syntheticCycle computes a small school with the default framework (优秀
// limited to 30% of a class) so that quotas and ties bite.
func syntheticCycle(t *testing.T, scope string) (model.Framework, []model.StudentResult) {
	f := eval.DefaultFramework()
	f.Grading.QuotaScope = scope
	f.Grading.Thresholds[0].Min, f.Grading.Thresholds[1].Min = 78, 70 // most students reach 优秀, so the quota bites
	in := eval.TaskInput{CycleID: 1, Seed: 3, PeerCount: 4}
	var students []eval.Student
	id := int64(1000)
	for c := range 4 {
		cl := eval.ClassRoster{ClassID: int64(c + 1), HeadTeacherID: int64(500 + c)}
		for range 23 {
			id++
			cl.StudentIDs = append(cl.StudentIDs, id)
			students = append(students, eval.Student{ID: id, ClassID: cl.ClassID, CohortID: int64(2024 + c/2), MajorID: int64(7 + c%2)})
		}
		in.Classes = append(in.Classes, cl)
		in.Teaching = append(in.Teaching, eval.Teaching{TeacherID: int64(600 + c), ClassID: cl.ClassID})
	}
	rs := bench.GenerateRatings(f, in, 11)
	for i := range rs {
		rs[i].ID = int64(i + 1)
		if rs[i].Value > 5 { // coarse values make ties
			rs[i].Value = float64(int(rs[i].Value/10) * 10)
		}
	}
	out, err := eval.Compute(eval.Input{Framework: f, Students: students, Ratings: rs}, eval.Options{CycleID: 1})
	if err != nil {
		t.Fatal(err)
	}
	return f, out.Results
}

// TestRelevelMatchesEngine: on the engine's own output, Relevel changes
// no rank, group size or level — the copy of the quota rule agrees.
func TestRelevelMatchesEngine(t *testing.T) {
	for _, scope := range []string{model.QuotaByClass, model.QuotaByCycle, model.QuotaByCohort, model.QuotaByMajor} {
		f, res := syntheticCycle(t, scope)
		type lv struct {
			rank, size int
			level, sl  model.Level
		}
		want := make([]lv, len(res))
		moved := 0
		for i, r := range res {
			want[i] = lv{r.Rank, r.GroupSize, r.Level, r.ScoreLevel}
			if r.Level != r.ScoreLevel {
				moved++
			}
		}
		if moved == 0 {
			t.Fatalf("%s: no quota moved anyone; the test proves nothing", scope)
		}
		eval.Relevel(res, f.Grading)
		for i, r := range res {
			if got := (lv{r.Rank, r.GroupSize, r.Level, r.ScoreLevel}); got != want[i] {
				t.Fatalf("%s: student %d: %+v, engine %+v", scope, r.StudentID, got, want[i])
			}
		}
	}
}

func TestApplyCorrections(t *testing.T) {
	f, res := syntheticCycle(t, model.QuotaByClass)
	before := res[0]
	evalrun.ApplyCorrections(f, res, []storage.Correction{
		{ID: 2, StudentID: before.StudentID, IndicatorCode: "D01", Mode: storage.CorrectionDelta, Value: 5, Reason: "加分"},
		{ID: 1, StudentID: before.StudentID, IndicatorCode: "D01", Mode: storage.CorrectionSet, Value: 90, Reason: "更正"},
		{ID: 3, StudentID: 999999, IndicatorCode: "D01", Mode: storage.CorrectionSet, Value: 90, Reason: "不存在的学生"},
	})
	got := res[0]
	d01 := got.Dimensions[0].Indicators[0]
	if d01.Score != 95 {
		t.Fatalf("set then delta in id order: %v", d01.Score)
	}
	var w, ws float64
	for _, ir := range got.Dimensions[0].Indicators {
		if ir.Rated {
			w += ir.Weight
			ws += ir.Weight * ir.Score
		}
	}
	if dim := got.Dimensions[0].Score; dim != float64(int(ws/w*100+0.5))/100 {
		t.Fatalf("dimension %v, want %v", dim, ws/w)
	}
	if len(got.Explanation) < 3 {
		t.Fatalf("explanation %v", got.Explanation)
	}
}

// TestCorrectionsKeepTheIncompleteRule: after corrections, 待补评 is
// decided again as Compute decides it. A "delta" on an indicator that
// lacks its raters has no score to change and is not applied; a "set"
// decides the indicator, and with nothing else missing the student gets a
// total, a rank and a level again.
func TestCorrectionsKeepTheIncompleteRule(t *testing.T) {
	f, res := syntheticCycle(t, model.QuotaByClass)
	r := &res[0]
	d01 := &r.Dimensions[0].Indicators[0]
	d01.Rated, d01.Missing, d01.Score = false, d01.Code+" "+d01.Name+"：缺自评以外的评价（至少 1 位）", 0
	eval.Recombine(r)
	eval.Relevel(res, f.Grading)
	if !r.Incomplete || r.Rank != 0 || r.Level != "" {
		t.Fatalf("setup: %+v", *r)
	}
	size := res[1].GroupSize
	evalrun.ApplyCorrections(f, res, []storage.Correction{{ID: 1, StudentID: r.StudentID, IndicatorCode: "D01", Mode: storage.CorrectionDelta, Value: 5, Reason: "加分"}})
	if !r.Incomplete || r.Total != 0 || r.Level != "" || d01.Rated || !strings.Contains(strings.Join(r.Explanation, "\n"), "申诉更正未应用") {
		t.Fatalf("a delta on a 待补评 indicator: %+v", *r)
	}
	evalrun.ApplyCorrections(f, res, []storage.Correction{{ID: 2, StudentID: r.StudentID, IndicatorCode: "D01", Mode: storage.CorrectionSet, Value: 88, Reason: "委员会认定"}})
	if r.Incomplete || !r.Complete || r.Missing != nil || r.Total == 0 || r.Level == "" || r.Rank == 0 || d01.Score != 88 {
		t.Fatalf("after a set: %+v", *r)
	}
	if res[1].ClassID == r.ClassID && res[1].GroupSize != size+1 {
		t.Fatalf("the class's group grew from %d to %d, want one more", size, res[1].GroupSize)
	}
}
