package evalrun_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

var ctx = context.Background()

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

type world struct {
	st    *storage.Storage
	fx    *testfix.School
	other *testfix.School
	admin model.Actor
	f     model.Framework
	cycle storage.EvalCycle
}

// setup builds two fixture schools and a draft cycle on the default
// framework in the first one.
func setup(t *testing.T, st *storage.Storage) *world {
	w := &world{st: st, fx: testfix.Build(t, st, "ev", false), other: testfix.Build(t, st, "ev2", false)}
	u := w.fx.Users[model.RoleSchoolAdmin]
	w.admin = model.Actor{UserID: u.ID, Username: u.Username}
	w.f = eval.DefaultFramework()
	must(t, st.SaveFrameworkVersion(ctx, w.fx.School.ID, w.admin, &w.f))
	w.cycle = storage.EvalCycle{Cycle: model.Cycle{TermID: w.fx.Term.ID, Name: "2026秋综合素质评价", FrameworkID: w.f.ID, Seed: 7}}
	must(t, st.CreateCycle(ctx, w.fx.School.ID, w.admin, &w.cycle))
	return w
}

func (w *world) sid() int64 { return w.fx.School.ID }

func (w *world) move(t *testing.T, to model.CycleState) {
	t.Helper()
	must(t, w.st.MoveCycle(ctx, w.sid(), w.admin, w.cycle.ID, to, true))
}

// rating builds a valid rating of ind for the role.
func (w *world) rating(student int64, code string, v float64) model.Rating {
	r := model.Rating{StudentID: student, IndicatorCode: code, Value: v}
	for _, ind := range eval.Indicators(w.f) {
		if ind.Code != code {
			continue
		}
		switch ind.Scale.Kind {
		case model.ScaleRating5:
			r.Value = float64(min(max(int(v/20+0.5), 1), 5))
		case model.ScaleLevels:
			r.Value, r.Level = 0, ind.Scale.Levels[1].Name
		}
	}
	return r
}

// rateAll submits a rating from every task on every indicator its role rates.
func (w *world) rateAll(t *testing.T, base float64) {
	t.Helper()
	c, err := w.st.Cycle(ctx, w.sid(), w.cycle.ID)
	must(t, err)
	in, err := w.st.EvalOrganisation(ctx, w.sid(), c)
	must(t, err)
	type rater struct {
		role model.RaterRole
		id   int64
	}
	by := map[rater][]model.Rating{}
	var order []rater
	for _, task := range eval.Tasks(in) {
		k := rater{task.Role, task.RaterID}
		if _, ok := by[k]; !ok {
			order = append(order, k)
		}
		for i, code := range eval.IndicatorsFor(w.f, task.Role) {
			r := w.rating(task.StudentID, code, base+float64((i+int(task.StudentID))%10))
			if task.Role.Chooses() && r.Level == "" { // students and parents choose a level
				for _, ind := range eval.Indicators(w.f) {
					if ind.Code == code {
						r.Value = eval.NearestChoice(ind, r.Value)
					}
				}
			}
			by[k] = append(by[k], r)
		}
	}
	for _, k := range order {
		_, err := w.st.SubmitRatings(ctx, w.sid(), w.admin, w.cycle.ID, k.role, k.id, w.admin.UserID, by[k])
		must(t, err)
	}
}

func TestCycleStateMachine(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := setup(t, st)
		if err := st.MoveCycle(ctx, w.sid(), w.admin, w.cycle.ID, model.CycleClosed, true); err == nil {
			t.Fatal("draft → closed accepted")
		}
		if cs, err := st.Cycles(ctx, w.sid(), w.fx.Term.ID); err != nil || len(cs) != 1 || cs[0].State != model.CycleDraft || cs[0].FrameworkVersion != 1 {
			t.Fatalf("cycles %+v %v", cs, err)
		}
		if cs, err := st.Cycles(ctx, w.other.School.ID, 0); err != nil || len(cs) != 0 {
			t.Fatalf("other school's cycles %+v %v", cs, err)
		}
		if _, err := st.Cycle(ctx, w.other.School.ID, w.cycle.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("another school read the cycle: %v", err)
		}
		n, err := evalrun.Open(ctx, st, w.sid(), w.admin, w.cycle.ID)
		must(t, err)
		if n == 0 {
			t.Fatal("no tasks")
		}
		if _, err := evalrun.Open(ctx, st, w.sid(), w.admin, w.cycle.ID); err == nil {
			t.Fatal("opened twice")
		}
		tasks, err := st.TasksForRater(ctx, w.sid(), w.cycle.ID, model.RaterHeadTeacher, w.fx.TeacherHead.ID)
		must(t, err)
		if len(tasks) != 2 || tasks[0].StudentName == "" {
			t.Fatalf("head teacher tasks %+v", tasks)
		}
		sub, err := st.TasksForRater(ctx, w.sid(), w.cycle.ID, model.RaterSubjectTeacher, w.fx.TeacherSubject.ID)
		must(t, err)
		if len(sub) != 1 || sub[0].StudentID != w.fx.StudentB1.ID {
			t.Fatalf("subject teacher tasks %+v", sub)
		}
		for _, role := range []model.RaterRole{model.RaterMentor, model.RaterParent} {
			got, err := st.TasksForRater(ctx, w.sid(), w.cycle.ID, role, map[model.RaterRole]int64{model.RaterMentor: w.fx.Mentor.ID}[role])
			must(t, err)
			if role == model.RaterMentor && (len(got) != 1 || got[0].StudentID != w.fx.StudentA1.ID) {
				t.Fatalf("mentor tasks %+v", got)
			}
		}
		w.move(t, model.CycleClosed)
		if err := st.MoveCycle(ctx, w.sid(), w.admin, w.cycle.ID, model.CycleOpen, false); err == nil {
			t.Fatal("non-admin reopened")
		}
		if err := st.MoveCycle(ctx, w.sid(), w.admin, w.cycle.ID, model.CycleFinal, true); err == nil {
			t.Fatal("closed → final accepted")
		}
		w.move(t, model.CycleOpen)
		log, _, err := st.AuditLog(ctx, w.sid(), storage.AuditFilter{Entity: "cycle", Action: "reopen", ListQuery: model.ListQuery{PerPage: 10}})
		must(t, err)
		if len(log) != 1 {
			t.Fatalf("reopen audited %d times", len(log))
		}
		prog, err := st.ProgressByClass(ctx, w.sid(), w.cycle.ID)
		must(t, err)
		if len(prog) != 2 || prog[0].Done != 0 || prog[0].Total == 0 {
			t.Fatalf("progress %+v", prog)
		}
	})
}

func TestSubmitRatings(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := setup(t, st)
		head, a1, a2, b1 := w.fx.TeacherHead.ID, w.fx.StudentA1.ID, w.fx.StudentA2.ID, w.fx.StudentB1.ID
		submit := func(role model.RaterRole, rater int64, rs ...model.Rating) (int, error) {
			return st.SubmitRatings(ctx, w.sid(), w.admin, w.cycle.ID, role, rater, w.admin.UserID, rs)
		}
		if _, err := submit(model.RaterHeadTeacher, head, w.rating(a1, "D01", 90)); err == nil {
			t.Fatal("rating a draft cycle accepted")
		}
		_, err := evalrun.Open(ctx, st, w.sid(), w.admin, w.cycle.ID)
		must(t, err)
		bad := []struct {
			name string
			role model.RaterRole
			rs   []model.Rating
			want string
		}{
			{"unassigned", model.RaterHeadTeacher, []model.Rating{w.rating(a1, "D01", 90), w.rating(b1, "D01", 90)}, "第 2 条"},
			{"other school student", model.RaterHeadTeacher, []model.Rating{w.rating(w.other.StudentA1.ID, "D01", 90)}, "不在"},
			{"out of scale", model.RaterHeadTeacher, []model.Rating{w.rating(a1, "D01", 90), {StudentID: a2, IndicatorCode: "D01", Value: 120}}, "0 到 100"},
			{"unknown indicator", model.RaterHeadTeacher, []model.Rating{{StudentID: a1, IndicatorCode: "NOPE", Value: 80}}, "没有指标"},
			{"role does not rate", model.RaterMentor, []model.Rating{{StudentID: a1, IndicatorCode: "D01", Value: 80}}, "企业导师评不参与"},
		}
		for _, b := range bad {
			rater := head
			if b.role == model.RaterMentor {
				rater = w.fx.Mentor.ID
			}
			if _, err := submit(b.role, rater, b.rs...); err == nil || !strings.Contains(err.Error(), b.want) {
				t.Errorf("%s: err %v", b.name, err)
			}
		}
		g, err := st.TasksForRater(ctx, w.sid(), w.cycle.ID, model.RaterSelf, a1)
		must(t, err)
		if len(g) != 1 {
			t.Fatalf("self tasks %+v", g)
		}
		if _, err := submit(model.RaterSelf, a1, model.Rating{StudentID: a1, IndicatorCode: "J01", Value: 85, Level: ""}); err != nil {
			t.Fatalf("self J01: %v", err)
		}
		// another school's cycle id does not exist in this school
		if _, err := st.SubmitRatings(ctx, w.other.School.ID, w.admin, w.cycle.ID, model.RaterHeadTeacher, head, 0, []model.Rating{w.rating(a1, "D01", 90)}); err == nil {
			t.Fatal("another school's cycle accepted")
		}
		n, err := st.RatingCount(ctx, w.sid(), w.cycle.ID)
		must(t, err)
		if n != 1 {
			t.Fatalf("refused batches wrote rows: %d", n)
		}
		rs := []model.Rating{w.rating(a1, "D01", 90), w.rating(a2, "D01", 80), w.rating(a1, "X01", 0)}
		if got, err := submit(model.RaterHeadTeacher, head, rs...); err != nil || got != 3 {
			t.Fatalf("first submit %d %v", got, err)
		}
		if got, err := submit(model.RaterHeadTeacher, head, rs...); err != nil || got != 0 {
			t.Fatalf("identical resubmit wrote %d %v", got, err)
		}
		rs[1].Value = 85
		if got, err := submit(model.RaterHeadTeacher, head, rs...); err != nil || got != 1 {
			t.Fatalf("correction wrote %d %v", got, err)
		}
		cur, err := st.RatingsOfRater(ctx, w.sid(), w.cycle.ID, model.RaterHeadTeacher, head)
		must(t, err)
		if len(cur) != 3 {
			t.Fatalf("current ratings %+v", cur)
		}
		for _, r := range cur {
			if r.StudentID == a2 && r.Value != 85 {
				t.Fatalf("correction not current: %+v", r)
			}
		}
		n, _ = st.RatingCount(ctx, w.sid(), w.cycle.ID)
		if n != 5 {
			t.Fatalf("rows %d, want 5 (1 self + 3 + 1 correction)", n)
		}
		w.move(t, model.CycleClosed)
		if _, err := submit(model.RaterHeadTeacher, head, w.rating(a1, "D02", 90)); err == nil {
			t.Fatal("closed cycle accepted a rating")
		}
		left, err := st.ProgressByRater(ctx, w.sid(), w.cycle.ID, true)
		must(t, err)
		if len(left) == 0 {
			t.Fatal("nobody unfinished?")
		}
	})
}

func TestEvidenceRecomputeAppeals(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		w := setup(t, st)
		sid, a1, a2 := w.sid(), w.fx.StudentA1.ID, w.fx.StudentA2.ID
		_, err := st.SaveEvidencePolicy(ctx, sid, w.admin, eval.DefaultEvidencePolicy())
		must(t, err)
		_, err = evalrun.Open(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		w.rateAll(t, 80)

		comp := func(student int64) *model.Evidence {
			return &model.Evidence{StudentID: student, TermID: w.fx.Term.ID, Kind: model.EvidenceCompetition, Title: "数控车赛", Level: model.AwardProvincial, Prize: model.PrizeFirst, Date: "2026-10-01"}
		}
		e1, e2, e3 := comp(a1), comp(a2), comp(a2)
		must(t, st.CreateEvidenceBulk(ctx, sid, w.admin, []*model.Evidence{e1, e2, e3}))
		if err := st.CreateEvidence(ctx, sid, w.admin, &model.Evidence{StudentID: a1, TermID: w.fx.Term.ID, Kind: "bogus", Title: "x"}); err == nil {
			t.Fatal("bad kind accepted")
		}
		must(t, st.ReviewEvidence(ctx, sid, w.admin, e1.ID, true, ""))
		if err := st.ReviewEvidence(ctx, sid, w.admin, e3.ID, false, ""); err == nil {
			t.Fatal("rejection without reason accepted")
		}
		must(t, st.ReviewEvidence(ctx, sid, w.admin, e3.ID, false, "证书照片不清晰"))
		if err := st.ReviewEvidence(ctx, w.other.School.ID, w.admin, e2.ID, true, ""); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("another school verified evidence: %v", err)
		}
		list, total, err := st.ListEvidence(ctx, sid, storage.EvidenceFilter{ClassID: w.fx.ClassA.ID, Status: model.EvidenceRejected})
		must(t, err)
		if total != 1 || list[0].ReviewReason != "证书照片不清晰" {
			t.Fatalf("rejected list %d %+v", total, list)
		}
		png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
		fl, err := st.AddEvidenceFile(ctx, sid, w.admin, e1.ID, "证书.png", png)
		must(t, err)
		if got, err := st.EvidenceFile(ctx, sid, fl.ID); err != nil || got.ContentType != "image/png" || len(got.Data) != len(png) {
			t.Fatalf("file %+v %v", got, err)
		}
		if _, err := st.AddEvidenceFile(ctx, sid, w.admin, e1.ID, "a.txt", []byte("hello")); err == nil {
			t.Fatal("text file accepted")
		}
		if _, err := st.AddEvidenceFile(ctx, sid, w.admin, e1.ID, "big.png", append(png, make([]byte, storage.MaxEvidenceFile)...)); err == nil {
			t.Fatal("oversized file accepted")
		}
		if _, err := st.EvidenceFile(ctx, w.other.School.ID, fl.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatal("another school read the file")
		}

		if _, err := evalrun.Recompute(ctx, st, sid, w.admin, w.cycle.ID); err == nil {
			t.Fatal("recompute of an open cycle accepted")
		}
		w.move(t, model.CycleClosed)
		sum, err := evalrun.Recompute(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		if sum.Students != 3 || sum.Evidence != 1 || sum.PolicyVersion != 1 || sum.Ignored != 0 {
			t.Fatalf("summary %+v", sum)
		}
		j03 := func(student int64) model.IndicatorResult {
			r, err := st.StudentResult(ctx, sid, w.cycle.ID, student)
			must(t, err)
			for _, d := range r.Dimensions {
				for _, ir := range d.Indicators {
					if ir.Code == "J03" {
						return ir
					}
				}
			}
			t.Fatal("no J03")
			return model.IndicatorResult{}
		}
		if ir := j03(a1); ir.EvidencePoints != 8 {
			t.Fatalf("verified evidence not counted: %+v", ir)
		}
		if ir := j03(a2); ir.EvidencePoints != 0 {
			t.Fatalf("pending/rejected evidence counted: %+v", ir)
		}
		before, err := st.ResultDetails(ctx, sid, w.cycle.ID)
		must(t, err)
		_, err = evalrun.Recompute(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		after, err := st.ResultDetails(ctx, sid, w.cycle.ID)
		must(t, err)
		if len(before) != 3 {
			t.Fatalf("results %d", len(before))
		}
		for k, v := range before {
			if after[k] != v {
				t.Fatalf("recompute changed student %d", k)
			}
		}
		c, _ := st.Cycle(ctx, sid, w.cycle.ID)
		if c.State != model.CycleComputed || c.ComputedAt == nil || c.PolicyVersion != 1 {
			t.Fatalf("cycle %+v", c)
		}

		// Appeals only during publicity.
		ap := &storage.Appeal{CycleID: w.cycle.ID, StudentID: a1, IndicatorCode: "D01", Reason: "班主任评分录入有误"}
		if err := st.CreateAppeal(ctx, sid, w.admin, ap); err == nil {
			t.Fatal("appeal before publicity accepted")
		}
		w.move(t, model.CyclePublicised)
		must(t, st.CreateAppeal(ctx, sid, w.admin, ap))
		if err := st.DecideAppeal(ctx, sid, w.admin, ap.ID, true, "维持", storage.CorrectionSet, 100); err == nil {
			t.Fatal("decision before head teacher review accepted")
		}
		must(t, st.ReviewAppealHead(ctx, sid, w.admin, ap.ID, "情况属实"))
		must(t, st.DecideAppeal(ctx, sid, w.admin, ap.ID, true, "经评价委员会复核，更正为 100 分", storage.CorrectionSet, 100))
		ap2 := &storage.Appeal{CycleID: w.cycle.ID, StudentID: a2, IndicatorCode: "Z01", Reason: "我觉得分数低了"}
		must(t, st.CreateAppeal(ctx, sid, w.admin, ap2))
		must(t, st.ReviewAppealHead(ctx, sid, w.admin, ap2.ID, "评分有依据"))
		must(t, st.DecideAppeal(ctx, sid, w.admin, ap2.ID, false, "评分依据充分，维持原结果", "", 0))
		got, err := st.Appeal(ctx, sid, ap2.ID)
		must(t, err)
		if got.State != storage.AppealRejected || got.Decision != "评分依据充分，维持原结果" || got.HeadReview != "评分有依据" {
			t.Fatalf("rejected appeal %+v", got)
		}
		corr, err := st.Corrections(ctx, sid, w.cycle.ID)
		must(t, err)
		if len(corr) != 1 || corr[0].AppealID != ap.ID {
			t.Fatalf("corrections %+v", corr)
		}
		old, _ := st.StudentResult(ctx, sid, w.cycle.ID, a1)
		_, err = evalrun.Recompute(ctx, st, sid, w.admin, w.cycle.ID)
		must(t, err)
		neu, _ := st.StudentResult(ctx, sid, w.cycle.ID, a1)
		if d01 := neu.Dimensions[0].Indicators[0]; d01.Code != "D01" || d01.Score != 100 {
			t.Fatalf("correction not applied: %+v", d01)
		}
		if neu.Total <= old.Total {
			t.Fatalf("total %v → %v", old.Total, neu.Total)
		}
		if !strings.Contains(strings.Join(neu.Explanation, "\n"), "申诉更正") {
			t.Fatalf("no explanation: %v", neu.Explanation)
		}
		// Re-publicise, then the window closes.
		w.move(t, model.CyclePublicised)
		must(t, st.SetPublicityWindow(ctx, sid, w.admin, w.cycle.ID, "2020-01-01", "2020-01-05"))
		if err := st.CreateAppeal(ctx, sid, w.admin, &storage.Appeal{CycleID: w.cycle.ID, StudentID: a1, Reason: "晚了"}); err == nil {
			t.Fatal("appeal after publicity accepted")
		}
		all, err := st.Appeals(ctx, sid, w.cycle.ID, 0, "")
		must(t, err)
		if len(all) != 2 {
			t.Fatalf("appeals %d", len(all))
		}
		rows, err := st.CycleResults(ctx, sid, w.cycle.ID, w.fx.ClassA.ID)
		must(t, err)
		if len(rows) != 2 || rows[0].Rank != 1 {
			t.Fatalf("class results %+v", rows)
		}
	})
}

func TestNotifications(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		fx := testfix.Build(t, st, "nt", false)
		sid := fx.School.ID
		u1, u2 := fx.Users[model.RoleStudent].ID, fx.Users[model.RoleParent].ID
		must(t, st.AddNotifications(ctx, sid, []int64{u1, u2}, "cycle_open", "综合素质评价已开始", "/eval"))
		must(t, st.AddNotifications(ctx, sid, []int64{u1}, "remind", "请完成互评", ""))
		l1, err := st.UnreadNotifications(ctx, sid, u1)
		must(t, err)
		if len(l1) != 2 || l1[0].Text != "请完成互评" {
			t.Fatalf("unread %+v", l1)
		}
		must(t, st.MarkNotificationsRead(ctx, sid, u2, []int64{l1[0].ID})) // not u2's: no effect
		must(t, st.MarkNotificationsRead(ctx, sid, u1, []int64{l1[0].ID}))
		l1, _ = st.UnreadNotifications(ctx, sid, u1)
		l2, _ := st.UnreadNotifications(ctx, sid, u2)
		if len(l1) != 1 || len(l2) != 1 {
			t.Fatalf("after read: %d %d", len(l1), len(l2))
		}
		must(t, st.MarkNotificationsRead(ctx, sid, u1, nil))
		l1, _ = st.UnreadNotifications(ctx, sid, u1)
		if len(l1) != 0 {
			t.Fatalf("mark all: %d", len(l1))
		}
	})
}
