package testfix

import (
	"context"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Cycles is two evaluation cycles of a fixture school with results: the
// previous term's, final, and this term's, computed (not yet publicised).
type Cycles struct {
	Framework model.Framework
	PrevTerm  model.Term
	Prev, Cur storage.EvalCycle
}

// Comment is the head teacher's 评语 on every student of class A in the
// current cycle.
const Comment = "学习认真，实训操作规范，继续保持。"

// BuildCycles gives school f the default framework and two cycles rated
// by every student themself, the head teachers (with a comment this
// term), the subject teacher (this term) and the mentor, with values that
// differ per student and rise from the previous term to this one; 张一
// also has a verified 省级 competition award this term. Both cycles are
// computed by evalrun, as a school's would be.
func BuildCycles(t testing.TB, st *storage.Storage, f *School) Cycles {
	t.Helper()
	ctx := context.Background()
	a := model.SystemActor
	sid := f.School.ID
	out := Cycles{Framework: eval.DefaultFramework()}
	must(t, st.SaveFrameworkVersion(ctx, sid, a, &out.Framework))
	_, err := st.SaveEvidencePolicy(ctx, sid, a, eval.DefaultEvidencePolicy())
	must(t, err)
	y := model.AcademicYear{Name: "2025-2026", StartDate: "2025-09-01", EndDate: "2026-07-10"}
	must(t, st.CreateAcademicYear(ctx, sid, a, &y))
	out.PrevTerm = model.Term{AcademicYearID: y.ID, Semester: 2, StartDate: "2026-02-20", EndDate: "2026-07-10"}
	must(t, st.CreateTerm(ctx, sid, a, &out.PrevTerm))
	must(t, st.CreateEvidenceVerifiedBulk(ctx, sid, a, []*model.Evidence{{StudentID: f.StudentA1.ID, TermID: f.Term.ID,
		Kind: model.EvidenceCompetition, Title: "市职业院校技能大赛数控车赛项", Level: model.AwardProvincial, Prize: model.PrizeFirst, Date: "2026-11-12"}}, "核对获奖证书"))

	// base is each student's level; the current term adds 6 points.
	base := map[int64]float64{f.StudentA1.ID: 84, f.StudentA2.ID: 70, f.StudentB1.ID: 78}
	run := func(term model.Term, name string, lift float64, comment string) storage.EvalCycle {
		c := storage.EvalCycle{Cycle: model.Cycle{TermID: term.ID, Name: name, FrameworkID: out.Framework.ID, PeerCount: 3, Seed: 7, PublicityDays: 5}}
		must(t, st.CreateCycle(ctx, sid, a, &c))
		_, err := evalrun.Open(ctx, st, sid, a, c.ID)
		must(t, err)
		rate := func(role model.RaterRole, rater int64, students []int64, offset float64, comment string) {
			for _, stu := range students {
				var rs []model.Rating
				for i, code := range eval.IndicatorsFor(out.Framework, role) {
					rs = append(rs, RatingAs(out.Framework, role, code, base[stu]+lift+offset+float64(i%5), stu, comment))
				}
				_, err := st.SubmitRatings(ctx, sid, a, c.ID, role, rater, 0, rs)
				must(t, err)
			}
		}
		for _, s := range []int64{f.StudentA1.ID, f.StudentA2.ID, f.StudentB1.ID} {
			rate(model.RaterSelf, s, []int64{s}, 4, "")
		}
		rate(model.RaterHeadTeacher, f.TeacherHead.ID, []int64{f.StudentA1.ID, f.StudentA2.ID}, 0, comment)
		rate(model.RaterHeadTeacher, f.TeacherOther.ID, []int64{f.StudentB1.ID}, 0, "")
		if term.ID == f.Term.ID {
			rate(model.RaterSubjectTeacher, f.TeacherSubject.ID, []int64{f.StudentB1.ID}, -2, "")
		}
		rate(model.RaterMentor, f.Mentor.ID, []int64{f.StudentA1.ID}, 2, "")
		must(t, st.MoveCycle(ctx, sid, a, c.ID, model.CycleClosed, false))
		_, err = evalrun.Recompute(ctx, st, sid, a, c.ID)
		must(t, err)
		c, err = st.Cycle(ctx, sid, c.ID)
		must(t, err)
		return c
	}
	out.Prev = run(out.PrevTerm, "2025-2026学年第二学期综合素质评价", 0, "")
	must(t, st.MoveCycle(ctx, sid, a, out.Prev.ID, model.CyclePublicised, false))
	must(t, st.MoveCycle(ctx, sid, a, out.Prev.ID, model.CycleFinal, false))
	out.Prev, err = st.Cycle(ctx, sid, out.Prev.ID)
	must(t, err)
	out.Cur = run(f.Term, "2026-2027学年第一学期综合素质评价", 6, Comment)
	return out
}

// Rating is a rating of points (0–100) on indicator code of framework f,
// in the indicator's own scale: 五分制 and 等级制 take the nearest value.
func Rating(f model.Framework, code string, points float64, student int64, comment string) model.Rating {
	points = max(0, min(100, points))
	r := model.Rating{StudentID: student, IndicatorCode: code, Comment: comment}
	for _, ind := range eval.Indicators(f) {
		if ind.Code != code {
			continue
		}
		switch ind.Scale.Kind {
		case model.ScaleRating5:
			r.Value = max(1, float64(int(points/20+0.5)))
		case model.ScaleLevels:
			best := ind.Scale.Levels[0]
			for _, l := range ind.Scale.Levels {
				if abs(l.Points-points) < abs(best.Points-points) {
					best = l
				}
			}
			r.Level = best.Name
		default:
			r.Value = points
		}
	}
	return r
}

// RatingAs is Rating as a rater in role gives it: students and parents
// choose, so their value is the nearest of the indicator's choices.
func RatingAs(f model.Framework, role model.RaterRole, code string, points float64, student int64, comment string) model.Rating {
	r := Rating(f, code, points, student, comment)
	if !role.Chooses() {
		return r
	}
	for _, ind := range eval.Indicators(f) {
		if ind.Code == code && ind.Scale.Kind != model.ScaleLevels {
			r.Value = eval.NearestChoice(ind, r.Value)
		}
	}
	return r
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
