package testfix

import (
	"context"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// AddStudio makes a 市级 技能大师工作室 hosted by the head teacher, with the
// subject teacher and an outside expert as members, a plan for the term
// and one 讲座 in October 2026, and returns its id.
func AddStudio(t testing.TB, st *storage.Storage, f *School, name string) int64 {
	t.Helper()
	ctx, sid, a := context.Background(), f.School.ID, model.SystemActor
	s := teacherdev.Studio{Name: name, Kind: "技能大师工作室", Level: "市级", HostTeacherID: f.TeacherHead.ID, FoundedOn: "2024-09-01"}
	must(t, st.SaveStudio(ctx, sid, a, &s))
	must(t, st.AddStudioMember(ctx, sid, a, s.ID, &teacherdev.StudioMember{TeacherID: f.TeacherHead.ID, Role: "主持人", JoinedOn: "2024-09-01"}))
	must(t, st.AddStudioMember(ctx, sid, a, s.ID, &teacherdev.StudioMember{TeacherID: f.TeacherSubject.ID, Role: "核心成员", JoinedOn: "2024-09-01"}))
	must(t, st.AddStudioMember(ctx, sid, a, s.ID, &teacherdev.StudioMember{Name: "企业专家甲", Role: "校外专家", JoinedOn: "2025-03-01"}))
	must(t, st.SaveStudioPlan(ctx, sid, a, s.ID, f.Term.ID, "本学期开展三次数控技能研讨。"))
	must(t, st.AddStudioActivity(ctx, sid, a, s.ID, &teacherdev.StudioActivity{HeldOn: "2026-10-15", Kind: "讲座", Title: "五轴加工工艺讲座", Hours: 3}))
	return s.ID
}
