package testfix

import (
	"context"
	"fmt"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// FairnessClass is class A of a fixture school grown to 12 students and
// rated in an open cycle on the default framework: every student rates
// the four classmates the cycle assigns, and the head teacher gives
// everyone full marks (the top of every scale: a straight-liner too).
// Three peers are planted: Lenient rates 30 points above what a student
// deserves, Severe 30 below, Straight gives 优秀 to everything.
type FairnessClass struct {
	Framework                 model.Framework
	Cycle                     storage.EvalCycle
	Students                  []model.Student // class A, the fixture's two first
	Lenient, Severe, Straight model.Student
}

// BuildFairnessClass builds FairnessClass in school f. A student's
// deserved points run from 52 to 96 across the class; an honest peer's
// rating differs from them by a few points that depend on rater, student
// and indicator, so peers agree well but not perfectly.
func BuildFairnessClass(t testing.TB, st *storage.Storage, f *School) FairnessClass {
	t.Helper()
	ctx := context.Background()
	a := model.SystemActor
	sid := f.School.ID
	out := FairnessClass{Framework: eval.DefaultFramework(), Students: []model.Student{f.StudentA1, f.StudentA2}}
	must(t, st.SaveFrameworkVersion(ctx, sid, a, &out.Framework))
	for i := range 10 {
		s := model.Student{StudentNo: fmt.Sprintf("%s-F%02d", f.School.Code, i+1), Name: fmt.Sprintf("信度%02d", i+1), Gender: model.Female, ClassID: f.ClassA.ID}
		must(t, st.CreateStudent(ctx, sid, a, &s))
		out.Students = append(out.Students, s)
	}
	out.Lenient, out.Severe, out.Straight = out.Students[2], out.Students[3], out.Students[4]
	deserved := map[int64]float64{}
	for i, s := range out.Students {
		deserved[s.ID] = 70 + 2.5*float64(i)
	}
	out.Cycle = storage.EvalCycle{Cycle: model.Cycle{TermID: f.Term.ID, Name: "信度测试周期", FrameworkID: out.Framework.ID, PeerCount: 4, Seed: 11}}
	must(t, st.CreateCycle(ctx, sid, a, &out.Cycle))
	_, err := evalrun.Open(ctx, st, sid, a, out.Cycle.ID)
	must(t, err)
	rate := func(role model.RaterRole, rater, stu int64, offset float64) {
		var rs []model.Rating
		for i, code := range eval.IndicatorsFor(out.Framework, role) {
			noise := float64((int(rater)*7+int(stu)*3+i*5)%9) - 4
			rs = append(rs, RatingAs(out.Framework, role, code, deserved[stu]+offset+noise, stu, ""))
		}
		_, err := st.SubmitRatings(ctx, sid, a, out.Cycle.ID, role, rater, 0, rs)
		must(t, err)
	}
	for _, s := range out.Students {
		tasks, err := st.TasksForRater(ctx, sid, out.Cycle.ID, model.RaterPeer, s.ID)
		must(t, err)
		for _, task := range tasks {
			switch s.ID {
			case out.Lenient.ID:
				rate(model.RaterPeer, s.ID, task.StudentID, 20)
			case out.Severe.ID:
				rate(model.RaterPeer, s.ID, task.StudentID, -20)
			case out.Straight.ID:
				rate(model.RaterPeer, s.ID, task.StudentID, 100-deserved[task.StudentID]+10)
			default:
				rate(model.RaterPeer, s.ID, task.StudentID, 0)
			}
		}
		rate(model.RaterHeadTeacher, f.TeacherHead.ID, s.ID, 50)
	}
	return out
}
