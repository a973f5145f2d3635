package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

func wantRefusal(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !errors.Is(err, storage.ErrRefused) || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want a refusal saying %q", err, want)
	}
}

// Saving the rules adds a version; the first read adopts the defaults;
// an assessment pins the latest version and keeps it.
func TestResearchRuleVersions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "rv", false)
		sid, a := fx.School.ID, model.Actor{UserID: fx.Users[model.RoleResearch].ID}
		v1, err := st.ResearchRules(ctx, sid, a)
		if err != nil || v1.Version != 1 || len(v1.Rules.Points) != len(research.DefaultRules().Points) {
			t.Fatalf("first use: %+v %v", v1.Version, err)
		}
		if again, _ := st.ResearchRules(ctx, sid, a); again.ID != v1.ID {
			t.Fatalf("a second read made version %d", again.Version)
		}
		bad := v1.Rules
		bad.Decay = []float64{0.5, 0.9}
		_, err = st.SaveResearchRules(ctx, sid, a, bad, "")
		wantRefusal(t, err, "排名靠后的系数不应更高")
		ra, err := st.CreateResearchAssessment(ctx, sid, a, storage.NewResearchAssessment{TermID: fx.Term.ID})
		must(t, err)
		edited := v1.Rules
		edited.TermCap = 80
		v2, err := st.SaveResearchRules(ctx, sid, a, edited, "总分封顶改为 80")
		must(t, err)
		vs, err := st.ResearchRuleVersions(ctx, sid)
		if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[0].Rules.TermCap != 80 || vs[1].Rules.TermCap != 150 || v2.Note != "总分封顶改为 80" {
			t.Fatalf("versions %+v %v", vs, err)
		}
		got, err := st.ResearchAssessment(ctx, sid, ra.ID)
		if err != nil || got.RuleVersion != 1 || got.Name != "2026-2027学年第一学期科研考核" || got.FromOn != "2026-09-01" || got.State != research.StateClaiming {
			t.Fatalf("assessment %+v %v", got, err)
		}
		_, err = st.CreateResearchAssessment(ctx, sid, a, storage.NewResearchAssessment{TermID: fx.Term.ID})
		wantRefusal(t, err, "已有科研考核")
		other := testfix.Build(t, st, "rv2", false)
		if _, err := st.ResearchAssessment(ctx, other.School.ID, ra.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("another school reads the assessment: %v", err)
		}
		if _, err := st.ResearchRuleSet(ctx, other.School.ID, v1.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("another school reads the rules: %v", err)
		}
	})
}

// Claims: a teacher claims only their own outputs of the period that are
// not rejected, and only while claiming; the office also while reviewing.
func TestResearchClaims(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "rc", false)
		sid, office := fx.School.ID, model.Actor{UserID: fx.Users[model.RoleResearch].ID}
		o := addResearchOutputs(t, st, fx)
		ra, err := st.CreateResearchAssessment(ctx, sid, office, storage.NewResearchAssessment{TermID: fx.Term.ID})
		must(t, err)
		subj := model.Actor{UserID: fx.Users[model.RoleSubjectTeacher].ID}
		rows, err := st.ResearchClaimable(ctx, sid, ra.ID, fx.TeacherSubject.ID)
		if err != nil || len(rows) != 2 || rows[0].OutputID != o.Paper || rows[0].Position != 2 || rows[1].Status != research.StatusPending {
			t.Fatalf("claimable %+v %v", rows, err)
		}
		err = st.ClaimResearch(ctx, sid, subj, ra.ID, fx.TeacherSubject.ID, []int64{o.Paper, o.Rejected}, false)
		wantRefusal(t, err, "不能认领")
		err = st.ClaimResearch(ctx, sid, subj, ra.ID, fx.TeacherSubject.ID, []int64{o.Project}, false)
		wantRefusal(t, err, "不能认领")
		must(t, st.ClaimResearch(ctx, sid, subj, ra.ID, fx.TeacherSubject.ID, []int64{o.Paper, o.Pending}, false))
		must(t, st.ClaimResearch(ctx, sid, subj, ra.ID, fx.TeacherSubject.ID, []int64{o.Paper}, false))
		if rows, _ = st.ResearchClaimable(ctx, sid, ra.ID, fx.TeacherSubject.ID); !rows[0].Claimed || rows[1].Claimed {
			t.Fatalf("claims are not replaced: %+v", rows)
		}
		must(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StateReviewing))
		wantRefusal(t, st.ClaimResearch(ctx, sid, subj, ra.ID, fx.TeacherSubject.ID, nil, false), "认领已截止")
		must(t, st.ClaimResearch(ctx, sid, office, ra.ID, fx.TeacherHead.ID, []int64{o.Paper, o.Project}, true))
		_, p, err := st.ResearchProgress(ctx, sid, ra.ID)
		if err != nil || p.Claims != 3 || p.ClaimTeachers != 2 || p.PendingClaimed != 0 {
			t.Fatalf("progress %+v %v", p, err)
		}
	})
}

// The whole walk with its refusals: compute waits for reviews, 公示 needs
// points, no recompute during 公示 unless an appeal was upheld, and final
// waits for the working days and the appeals.
func TestResearchAssessmentLifecycle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "rl", false)
		sid, office := fx.School.ID, model.Actor{UserID: fx.Users[model.RoleResearch].ID}
		o := addResearchOutputs(t, st, fx)
		ra, err := st.CreateResearchAssessment(ctx, sid, office, storage.NewResearchAssessment{TermID: fx.Term.ID, PublicityDays: 3})
		must(t, err)
		head, subj := fx.TeacherHead.ID, fx.TeacherSubject.ID
		must(t, st.ClaimResearch(ctx, sid, office, ra.ID, head, []int64{o.Paper, o.Project}, true))
		must(t, st.ClaimResearch(ctx, sid, office, ra.ID, subj, []int64{o.Paper, o.Pending}, true))
		_, err = st.ComputeResearch(ctx, sid, office, ra.ID)
		wantRefusal(t, err, "认领尚未截止")
		wantRefusal(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StatePublicised), "不能从“认领中”直接变为“公示中”")
		must(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StateReviewing))
		_, err = st.ComputeResearch(ctx, sid, office, ra.ID)
		wantRefusal(t, err, "还有 1 项待审核")
		reviewOutput(t, st, sid, o.Pending, research.StatusVerified, "省级期刊")
		n, err := st.ComputeResearch(ctx, sid, office, ra.ID)
		if err != nil || n != 2 {
			t.Fatalf("compute: %d %v", n, err)
		}
		pts, err := st.ResearchPoints(ctx, sid, ra.ID, 0)
		must(t, err)
		// head: paper 15 (first) + 立项 30; 结题 is next term. subj: 9 + 5.
		if len(pts) != 2 || pts[0].TeacherID != head || pts[0].Points != 45 || pts[1].Points != 14 || pts[1].Rank != 2 || pts[1].DeptRank != 2 {
			t.Fatalf("points %+v", pts)
		}
		if lines := pts[0].Detail.Lines; len(lines) != 3 || !lines[2].Outside || lines[2].Stage != research.StageConcluded {
			t.Fatalf("head's lines %+v", lines)
		}
		if again, _ := st.ComputeResearch(ctx, sid, office, ra.ID); again != 2 {
			t.Fatalf("recompute wrote %d", again)
		}
		if pts, _ = st.ResearchPoints(ctx, sid, ra.ID, 0); len(pts) != 2 {
			t.Fatalf("recompute did not replace: %d rows", len(pts))
		}
		must(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StatePublicised))
		_, err = st.ComputeResearch(ctx, sid, office, ra.ID)
		wantRefusal(t, err, "公示期间不能重新计算")
		teacher := model.Actor{UserID: fx.Users[model.RoleSubjectTeacher].ID}
		_, err = st.AppealResearch(ctx, sid, teacher, ra.ID, subj, " ")
		wantRefusal(t, err, "申诉理由")
		apID, err := st.AppealResearch(ctx, sid, teacher, ra.ID, subj, "实训教学评价改革一文发表在核心期刊")
		must(t, err)
		_, err = st.AppealResearch(ctx, sid, teacher, ra.ID, subj, "再次申诉")
		wantRefusal(t, err, "已有一条申诉")
		wantRefusal(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StateFinal), "公示期到")
		testfix.EndResearchPublicity(t, st, sid, ra.ID)
		wantRefusal(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StateFinal), "还有 1 条申诉未处理")
		wantRefusal(t, st.DecideResearchAppeal(ctx, sid, office, ra.ID, apID, false, ""), "驳回申诉需要写明理由")
		must(t, st.DecideResearchAppeal(ctx, sid, office, ra.ID, apID, true, "核实为核心期刊，已更正"))
		wantRefusal(t, st.DecideResearchAppeal(ctx, sid, office, ra.ID, apID, true, ""), "已处理过")
		wantRefusal(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StateFinal), "尚未重新计算")
		reviewOutput(t, st, sid, o.Pending, research.StatusVerified, "核心期刊")
		reviewOutput(t, st, sid, o.Paper, research.StatusVerified, "一般期刊")
		if n, err := st.ComputeResearch(ctx, sid, office, ra.ID); err != nil || n != 1 {
			t.Fatalf("recompute of the upheld case: %d %v", n, err)
		}
		pts, _ = st.ResearchPoints(ctx, sid, ra.ID, 0)
		// subj: the shared paper is now 一般期刊 (2 × 60%) + 15; head keeps
		// 45 because only the upheld case is recomputed during 公示.
		if pts[0].Points != 45 || pts[1].Points != 16.2 {
			t.Fatalf("after the upheld appeal: %v %v", pts[0].Points, pts[1].Points)
		}
		must(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StateFinal))
		aps, err := st.ResearchAppeals(ctx, sid, ra.ID, subj)
		if err != nil || len(aps) != 1 || aps[0].Status != storage.ResearchAppealUpheld || aps[0].TeacherName != fx.TeacherSubject.Name {
			t.Fatalf("appeals %+v %v", aps, err)
		}
		mine, err := st.TeacherResearchPoints(ctx, sid, subj)
		if err != nil || len(mine) != 1 || mine[0].Points == nil || mine[0].Points.Points != 16.2 || mine[0].Assessment.State != research.StateFinal {
			t.Fatalf("teacher's terms %+v %v", mine, err)
		}
	})
}

// Publicising with nothing computed is refused in words.
func TestResearchPublicityNeedsPoints(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "rp", false)
		sid, office := fx.School.ID, model.Actor{UserID: fx.Users[model.RoleResearch].ID}
		ra, err := st.CreateResearchAssessment(ctx, sid, office, storage.NewResearchAssessment{TermID: fx.Term.ID})
		must(t, err)
		must(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StateReviewing))
		if n, err := st.ComputeResearch(ctx, sid, office, ra.ID); err != nil || n != 0 {
			t.Fatalf("empty compute %d %v", n, err)
		}
		wantRefusal(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StatePublicised), "还没有任何教师的计算结果")
		_, err = st.CreateResearchAssessment(ctx, sid, office, storage.NewResearchAssessment{TermID: fx.Term.ID, FromOn: "2027-01-01", ToOn: "2026-01-01"})
		wantRefusal(t, err, "晚于截止日期")
	})
}

// Claiming everything verified adds each teacher's verified outputs of
// the period once (not the pending or rejected ones); a 公示 start can be
// set back, never forward.
func TestResearchClaimAllAndPublicityStart(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "ca", false)
		sid, office := fx.School.ID, model.Actor{UserID: fx.Users[model.RoleResearch].ID}
		addResearchOutputs(t, st, fx)
		ra, err := st.CreateResearchAssessment(ctx, sid, office, storage.NewResearchAssessment{TermID: fx.Term.ID})
		must(t, err)
		if n, err := st.ClaimAllResearch(ctx, sid, office, ra.ID, []int64{fx.TeacherSubject.ID}); err != nil || n != 1 {
			t.Fatalf("subject's claims: %d %v", n, err)
		}
		if n, err := st.ClaimAllResearch(ctx, sid, office, ra.ID, nil); err != nil || n != 2 {
			t.Fatalf("everyone's remaining claims: %d %v", n, err)
		}
		must(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StateReviewing))
		_, err = st.ComputeResearch(ctx, sid, office, ra.ID)
		must(t, err)
		wantRefusal(t, st.SetResearchPublicityStart(ctx, sid, office, ra.ID, time.Now()), "只有公示中")
		must(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StatePublicised))
		wantRefusal(t, st.SetResearchPublicityStart(ctx, sid, office, ra.ID, time.Now().AddDate(0, 0, 3)), "不能晚于今天")
		must(t, st.SetResearchPublicityStart(ctx, sid, office, ra.ID, time.Now().AddDate(0, -2, 0)))
		must(t, st.MoveResearchAssessment(ctx, sid, office, ra.ID, research.StateFinal))
	})
}
