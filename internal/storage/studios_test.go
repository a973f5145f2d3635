package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// A studio keeps its members, plans and activities; an activity links
// only a verified output of the school; another school's studio is not
// found; every change leaves an audit line; the yearly summary counts.
func TestStudios(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "sd", false)
		other := testfix.Build(t, st, "sd2", false)
		sid, a := fx.School.ID, model.SystemActor
		id := testfix.AddStudio(t, st, fx, "数控技能大师工作室")
		ro := addResearchOutputs(t, st, fx)

		dup := teacherdev.Studio{Name: "数控技能大师工作室", Kind: "名师工作室", Level: "校级", HostTeacherID: fx.TeacherSubject.ID, FoundedOn: "2025-01-01"}
		if err := st.SaveStudio(ctx, sid, a, &dup); err == nil || !strings.Contains(err.Error(), "已有名为") {
			t.Fatalf("a second studio of the same name: %v", err)
		}
		foreign := teacherdev.Studio{Name: "外校主持", Kind: "名师工作室", Level: "校级", HostTeacherID: other.TeacherHead.ID, FoundedOn: "2025-01-01"}
		if err := st.SaveStudio(ctx, sid, a, &foreign); err == nil || !strings.Contains(err.Error(), "不是本校教师") {
			t.Fatalf("another school's host: %v", err)
		}
		if _, err := st.Studio(ctx, other.School.ID, id); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("another school reads the studio: %v", err)
		}
		if err := st.AddStudioMember(ctx, other.School.ID, a, id, &teacherdev.StudioMember{Name: "x", Role: "成员", JoinedOn: "2025-01-01"}); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("another school adds a member: %v", err)
		}
		bad := teacherdev.StudioActivity{HeldOn: "2026-11-01", Kind: "研讨", Title: "待审论文研讨", OutputID: ro.Pending}
		if err := st.AddStudioActivity(ctx, sid, a, id, &bad); err == nil || !strings.Contains(err.Error(), "已审核") {
			t.Fatalf("linking a pending output: %v", err)
		}
		good := teacherdev.StudioActivity{HeldOn: "2026-11-05", Kind: "研讨", Title: "论文研讨", OutputID: ro.Paper}
		must(t, st.AddStudioActivity(ctx, sid, a, id, &good))
		must(t, st.AddStudioActivity(ctx, sid, a, id, &teacherdev.StudioActivity{HeldOn: "2025-05-05", Kind: "送教", Title: "送教下乡", Hours: 4}))

		ms, err := st.StudioMembers(ctx, sid, id)
		must(t, err)
		if len(ms) != 3 || ms[0].Name != fx.TeacherHead.Name || ms[2].TeacherID != 0 {
			t.Fatalf("members: %+v", ms)
		}
		must(t, st.EndStudioMembership(ctx, sid, a, id, ms[2].ID, "2026-02-28"))
		if err := st.EndStudioMembership(ctx, sid, a, id, ms[2].ID, "2020-01-01"); err == nil {
			t.Fatal("leaving before joining was accepted")
		}
		must(t, st.SaveStudioPlan(ctx, sid, a, id, fx.Term.ID, "修订后的计划"))
		ps, err := st.StudioPlans(ctx, sid, id)
		must(t, err)
		if len(ps) != 1 || ps[0].Plan != "修订后的计划" || !strings.Contains(ps[0].TermName, "第一学期") {
			t.Fatalf("plans: %+v", ps)
		}
		list, err := st.Studios(ctx, sid)
		must(t, err)
		if len(list) != 1 || list[0].Members != 2 || list[0].HostName != fx.TeacherHead.Name {
			t.Fatalf("list: %+v", list)
		}
		y, err := st.StudioYear(ctx, sid, id, 2026)
		must(t, err)
		if y.Activities != 2 || y.Hours != 3 || len(y.Outputs) != 1 || y.Outputs[0] != ro.Paper || y.MembersActive != 3 {
			t.Fatalf("2026: %+v", y)
		}
		acts, err := st.StudioActivities(ctx, sid, id)
		must(t, err)
		if acts[0].OutputTitle != "数控编程课程思政探索" {
			t.Fatalf("activities: %+v", acts)
		}
		var audits int
		must(t, st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE school_id = $1 AND entity = 'studio'`, sid).Scan(&audits))
		if audits != 10 {
			t.Fatalf("%d audit lines, want 10 (create, 3 members, 2 plans, 3 activities, 1 end)", audits)
		}
		choices, err := st.StudioOutputChoices(ctx, sid)
		must(t, err)
		for _, c := range choices {
			if c.ID == ro.Pending || c.ID == ro.Rejected {
				t.Fatalf("an unverified output is offered: %+v", c)
			}
		}
	})
}
