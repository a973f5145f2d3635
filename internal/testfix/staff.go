package testfix

import (
	"context"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// SeedStaff gives f the 师资 block's known answers for the school year
// 2025-09-01 – 2026-08-31 (docs/kpi.md): the 专业课 teacher (TeacherSubject)
// recognised 中级 with 190 days of practice in the window; the head
// teacher's recognition revoked in February; 60.5 verified hours and 12
// pending; a 市级 studio open and a 校级 one closed in 2025; and one team
// award entered as a research output and again, per member, in the old
// table.
func SeedStaff(t testing.TB, st *storage.Storage, f *School) {
	t.Helper()
	ctx, a, sid := context.Background(), model.SystemActor, f.School.ID
	head, subject, other := f.TeacherHead.ID, f.TeacherSubject.ID, f.TeacherOther.ID
	must(t, st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: subject, Level: "中级", RecognisedOn: "2024-03-01", Basis: "企业实践与技师证书"}))
	must(t, st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: head, Level: "初级", RecognisedOn: "2024-03-01"}))
	must(t, st.RevokeRecognition(ctx, sid, a, head, "2026-02-01", "证书过期"))
	// 120 + 70 days, the first leaving the window in 2027.
	enterprise := teacherdev.Fact{Kind: teacherdev.KindEnterprise, EnterpriseConfirmed: true}
	enterprise.StartsOn, enterprise.EndsOn, enterprise.Days = "2022-03-01", "2022-06-28", 120
	ProgressRecord(t, st, sid, subject, enterprise, "企业实践一")
	enterprise.StartsOn, enterprise.EndsOn, enterprise.Days = "2025-07-01", "2025-09-08", 70
	ProgressRecord(t, st, sid, subject, enterprise, "企业实践二")
	ProgressRecord(t, st, sid, head, teacherdev.Fact{Kind: teacherdev.KindNational, StartsOn: "2026-07-01", EndsOn: "2026-07-10", Hours: 60.5}, "国培班主任研修")
	ProgressRecord(t, st, sid, other, teacherdev.Fact{Kind: teacherdev.KindSchool, StartsOn: "2026-09-01", EndsOn: "2026-09-01", Hours: 12, Status: teacherdev.StatusPending}, "校本教研（待审）")
	must(t, st.SaveStudio(ctx, sid, a, &teacherdev.Studio{Name: "数控技能大师工作室", Kind: "技能大师", Level: "市级", HostTeacherID: subject, FoundedOn: "2023-05-01"}))
	must(t, st.SaveStudio(ctx, sid, a, &teacherdev.Studio{Name: "旧工作室", Kind: "名师", Level: "校级", HostTeacherID: head, FoundedOn: "2021-05-01", ClosedOn: "2025-12-31"}))
	AddResearch(t, st, f, Research{Kind: "competition", Title: "教学能力比赛", Level: "市级", Grade: "一等奖", Date: "2026-06-10",
		Members: []Member{{TeacherID: head, Name: f.TeacherHead.Name, Role: "主持"}, {TeacherID: subject, Name: f.TeacherSubject.Name, Role: "参与"}}})
	for _, tid := range []int64{subject, other} { // the same award in the old table, per member
		must(t, st.AddTeacherAward(ctx, sid, a, &model.TeacherAward{TeacherID: tid, Title: "教学能力比赛", Level: model.AwardProvincial, Prize: "一等奖", AwardedOn: "2026-06-10"}))
	}
}
