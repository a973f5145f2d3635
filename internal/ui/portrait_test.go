package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestStudentPortrait: who sees which student's portrait, and the numbers
// on it against the results evalrun computed for the fixture.
func TestStudentPortrait(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		cs := testfix.BuildCycles(t, st, s.a)
		testfix.BuildCycles(t, st, s.b)
		sid := s.a.School.ID
		path := func(stu model.Student) string { return "/portraits/students/" + itoa(stu.ID) }
		a1, a2, b1 := path(s.a.StudentA1), path(s.a.StudentA2), path(s.a.StudentB1)
		otherSchool := path(s.b.StudentA1)
		cur, err := st.StudentResult(ctx, sid, cs.Cur.ID, s.a.StudentA1.ID)
		if err != nil {
			t.Fatal(err)
		}
		prev, err := st.StudentResult(ctx, sid, cs.Prev.ID, s.a.StudentA1.ID)
		if err != nil {
			t.Fatal(err)
		}
		mate, err := st.StudentResult(ctx, sid, cs.Cur.ID, s.a.StudentA2.ID)
		if err != nil {
			t.Fatal(err)
		}

		// The student is sent to their own portrait and reaches nobody else's.
		stu := s.login(t, "xs1@a1")
		req, _ := http.NewRequest(http.MethodGet, stu.base+"/portraits", nil)
		if code, _, loc := stu.do(req); code != http.StatusSeeOther || loc != a1 {
			t.Fatalf("student /portraits: %d → %q", code, loc)
		}
		for _, p := range []string{a2, b1, otherSchool, "/portraits/students/999999"} {
			if code, _ := stu.get(p); code != http.StatusNotFound {
				t.Fatalf("student reached %s: %d", p, code)
			}
		}
		// Families see only publicised or final cycles: the previous term's
		// result, not this term's computed one, and not its comments.
		code, body := stu.get(a1)
		if code != 200 || !strings.Contains(body, "<strong>"+eval.Num(prev.Total)+"</strong>") || strings.Contains(body, testfix.Comment) ||
			!strings.Contains(body, "结果尚未公示") {
			t.Fatalf("student's own portrait: %d", code)
		}
		if !strings.Contains(body, "市职业院校技能大赛数控车赛项") || !strings.Contains(body, `data-chart="chart-radar"`) || !strings.Contains(body, `id="chart-growth"`) {
			t.Fatal("student's portrait lacks the evidence timeline or the charts")
		}

		// The parent sees their child only.
		parent := s.login(t, "jiazhang@a1")
		if code, body := parent.get("/portraits"); code != 200 || !strings.Contains(body, s.a.StudentA1.Name) || strings.Contains(body, s.a.StudentA2.Name) {
			t.Fatalf("parent's list: %d", code)
		}
		if code, _ := parent.get(a1); code != 200 {
			t.Fatalf("parent, own child: %d", code)
		}
		for _, p := range []string{a2, b1, otherSchool} {
			if code, _ := parent.get(p); code != http.StatusNotFound {
				t.Fatalf("parent reached %s: %d", p, code)
			}
		}

		// The head teacher of class A sees this term's result with the
		// class averages and the comment; not class B, not school b.
		ht := s.login(t, "banzhuren@a1")
		code, body = ht.get(a1)
		if code != 200 || !strings.Contains(body, "<strong>"+eval.Num(cur.Total)+"</strong>") || !strings.Contains(body, testfix.Comment) {
			t.Fatalf("head teacher, own class: %d", code)
		}
		for i, d := range cur.Dimensions {
			avg := (d.Score + mate.Dimensions[i].Score) / 2
			row := fmt.Sprintf(`<tr><th scope="row">%s</th><td>%.1f</td><td>%.1f</td></tr>`, d.Name, d.Score, round1(avg))
			if !strings.Contains(body, row) {
				t.Fatalf("radar table lacks %s", row)
			}
		}
		// Growth: both terms' totals, oldest first.
		pi, ci := strings.Index(body, fmt.Sprintf("%s</td><td>%s", eval.Num(prev.Total), prev.Level)), strings.Index(body, fmt.Sprintf("%s</td><td>%s", eval.Num(cur.Total), cur.Level))
		if pi < 0 || ci < 0 || pi > ci {
			t.Fatalf("growth table rows at %d and %d", pi, ci)
		}
		if !strings.Contains(body, "总分提高了") {
			t.Fatal("the summary does not name the rise of the total")
		}
		for _, p := range []string{b1, otherSchool} {
			if code, _ := ht.get(p); code != http.StatusNotFound {
				t.Fatalf("head teacher reached %s: %d", p, code)
			}
		}
		if code, body := ht.get("/portraits?class=" + itoa(s.a.ClassA.ID)); code != 200 || !strings.Contains(body, s.a.StudentA2.Name) || strings.Contains(body, s.a.StudentB1.Name) {
			t.Fatalf("head teacher's list: %d", code)
		}
		// The subject teacher of class B this term and the mentor of 张一.
		// Having taught class A last term does not make them its teacher now.
		course := model.Course{Code: "C99", Name: "机械制图", Kind: "专业核心课", MajorID: s.a.Major.ID}
		if err := st.CreateCourse(ctx, sid, model.SystemActor, &course); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateTeachingAssignment(ctx, sid, model.SystemActor, &model.TeachingAssignment{TermID: cs.PrevTerm.ID, CourseID: course.ID, ClassID: s.a.ClassA.ID, TeacherID: s.a.TeacherSubject.ID}); err != nil {
			t.Fatal(err)
		}
		renke := s.login(t, "renke@a1")
		if code, _ := renke.get(b1); code != 200 {
			t.Fatalf("subject teacher, own class: %d", code)
		}
		if code, _ := renke.get(a1); code != http.StatusNotFound {
			t.Fatalf("subject teacher reached class A, taught only last term: %d", code)
		}
		if code, body := renke.get("/portraits"); code != 200 || strings.Contains(body, s.a.StudentA1.Name) || !strings.Contains(body, s.a.StudentB1.Name) {
			t.Fatalf("subject teacher's list: %d", code)
		}
		mentor := s.login(t, "daoshi@a1")
		if code, body := mentor.get(a1); code != 200 || strings.Contains(body, testfix.Comment) || !strings.Contains(body, "<strong>"+eval.Num(prev.Total)+"</strong>") {
			t.Fatalf("mentor, own apprentice (publicised cycles only): %d", code)
		}
		if code, _ := mentor.get(a2); code != http.StatusNotFound {
			t.Fatalf("mentor reached a non-apprentice: %d", code)
		}
		// School offices hold no portrait:read: the guard refuses.
		if code, _ := s.login(t, "admin@a1").get(a1); code != http.StatusForbidden {
			t.Fatalf("school admin: %d", code)
		}
	})
}

// TestGroupPortrait: the group page's figures against the fixture's
// results, its filters and its scope.
func TestGroupPortrait(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		cs := testfix.BuildCycles(t, st, s.a)
		other := testfix.BuildCycles(t, st, s.b)
		sid := s.a.School.ID
		now, err := st.CycleResults(ctx, sid, cs.Cur.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		before, err := st.CycleResults(ctx, sid, cs.Prev.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		mean := func(rs []storage.ResultRow, class int64) (float64, map[model.Level]int) {
			var sum float64
			var n int
			levels := map[model.Level]int{}
			for _, r := range rs {
				if class == 0 || r.ClassID == class {
					sum += r.Total
					n++
					levels[r.Level]++
				}
			}
			return sum / float64(n), levels
		}
		admin := s.login(t, "admin@a1")
		code, body := admin.get("/portraits/groups")
		m, levels := mean(now, 0)
		pm, _ := mean(before, 0)
		if code != 200 || !strings.Contains(body, "全校 · "+cs.Cur.Name) || !strings.Contains(body, fmt.Sprintf("<strong>%.2f</strong>", round2(m))) ||
			!strings.Contains(body, strings.ReplaceAll(fmt.Sprintf("较上次 %+.2f", round2(m)-round2(pm)), "+", "&#43;")) {
			t.Fatalf("school portrait: %d, mean %.2f", code, m)
		}
		for _, lv := range []model.Level{model.LevelExcellent, model.LevelGood, model.LevelPass, model.LevelFail} {
			row := fmt.Sprintf(`<tr><th scope="row">%s</th><td>%d</td><td>%.1f%%</td>`, lv, levels[lv], float64(levels[lv])*100/3)
			if !strings.Contains(body, row) {
				t.Fatalf("level table lacks %s", row)
			}
		}
		for _, id := range []string{"chart-hist", "chart-levels", "chart-dims", "chart-done"} {
			if !strings.Contains(body, `data-chart="`+id+`"`) {
				t.Fatalf("no %s", id)
			}
		}
		// Completion: the head teachers rated all three students.
		if !strings.Contains(body, `<tr><th scope="row">班主任评</th><td>3</td><td>3</td><td>100.0%</td></tr>`) {
			t.Fatal("completion table lacks the head teachers' 3/3")
		}
		// One class: its own mean and the reliability section.
		code, body = admin.get("/portraits/groups?class=" + itoa(s.a.ClassA.ID) + "&cycle=" + itoa(cs.Cur.ID))
		ma, _ := mean(now, s.a.ClassA.ID)
		if code != 200 || !strings.Contains(body, fmt.Sprintf("<strong>%.2f</strong>", round2(ma))) || !strings.Contains(body, "各指标的互评一致性") {
			t.Fatalf("class portrait: %d", code)
		}
		// The previous cycle has no predecessor to compare with.
		if code, body := admin.get("/portraits/groups?cycle=" + itoa(cs.Prev.ID)); code != 200 || strings.Contains(body, "较上次") {
			t.Fatalf("previous cycle: %d", code)
		}
		// Scope: the head teacher of class A sees it, not class B; the
		// department head sees the department; another school's cycle is not found.
		ht := s.login(t, "banzhuren@a1")
		if code, body := ht.get("/portraits/groups"); code != 200 || !strings.Contains(body, "我负责的班级") {
			t.Fatalf("head teacher's groups: %d", code)
		}
		if code, _ := ht.get("/portraits/groups?class=" + itoa(s.a.ClassB.ID)); code != http.StatusNotFound {
			t.Fatalf("head teacher, class B: %d", code)
		}
		if code, _ := s.login(t, "zhuren@a1").get("/portraits/groups?department=" + itoa(s.a.Department.ID)); code != 200 {
			t.Fatalf("department head: %d", code)
		}
		if code, _ := admin.get("/portraits/groups?cycle=" + itoa(other.Cur.ID)); code != http.StatusNotFound {
			t.Fatalf("another school's cycle: %d", code)
		}
		if code, _ := admin.get("/portraits/groups?class=" + itoa(s.b.ClassA.ID)); code != http.StatusNotFound {
			t.Fatalf("another school's class: %d", code)
		}
		if code, _ := s.login(t, "xs1@a1").get("/portraits/groups"); code != http.StatusForbidden {
			t.Fatalf("student: %d", code)
		}
	})
}

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }
func round2(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }
