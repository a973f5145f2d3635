package testfix

import (
	"context"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// SeverityCycle opens a cycle on the default framework in school f in which class A's two students rate each other
// and the head teacher rates both, on every indicator each role rates, with values that vary by indicator and rater
// so that the rater-severity model has several categories to work with. The cycle stays open.
func SeverityCycle(t testing.TB, st *storage.Storage, f *School) storage.EvalCycle {
	t.Helper()
	return SeverityCycleOn(t, st, f, eval.DefaultFramework())
}

// SeverityCycleOn is SeverityCycle on framework fw (stored as a new framework of the school).
func SeverityCycleOn(t testing.TB, st *storage.Storage, f *School, fw model.Framework) storage.EvalCycle {
	t.Helper()
	ctx := context.Background()
	sid := f.School.ID
	must(t, st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &fw))
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: f.Term.ID, Name: "宽严度测试", FrameworkID: fw.ID, PeerCount: 3, Seed: 5}}
	must(t, st.CreateCycle(ctx, sid, model.SystemActor, &c))
	_, err := evalrun.Open(ctx, st, sid, model.SystemActor, c.ID)
	must(t, err)
	a1, a2, head := f.StudentA1.ID, f.StudentA2.ID, f.TeacherHead.ID
	for k, x := range []struct {
		role           model.RaterRole
		rater, student int64
	}{{model.RaterPeer, a1, a2}, {model.RaterPeer, a2, a1}, {model.RaterHeadTeacher, head, a1}, {model.RaterHeadTeacher, head, a2}} {
		var rs []model.Rating
		for i, code := range eval.IndicatorsFor(fw, x.role) {
			rs = append(rs, variedRating(fw, c.ID, x.role, x.rater, x.student, code, i+k))
		}
		_, err := st.SubmitRatings(ctx, sid, model.SystemActor, c.ID, x.role, x.rater, 0, rs)
		must(t, err)
	}
	return c
}

// variedRating is a valid rating of code whose value steps through the scale with n.
func variedRating(fw model.Framework, cycle int64, role model.RaterRole, rater, student int64, code string, n int) model.Rating {
	r := model.Rating{CycleID: cycle, RaterRole: role, RaterID: rater, StudentID: student, IndicatorCode: code}
	for _, ind := range eval.Indicators(fw) {
		if ind.Code != code {
			continue
		}
		switch ind.Scale.Kind {
		case model.ScaleLevels:
			r.Level = ind.Scale.Levels[n%len(ind.Scale.Levels)].Name
		case model.ScaleRating5:
			r.Value = float64(2 + n%4)
		default:
			r.Value = eval.NearestChoice(ind, float64(55+10*(n%5)))
		}
	}
	return r
}
