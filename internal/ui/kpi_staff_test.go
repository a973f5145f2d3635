package ui_test

import (
	"context"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/teacherdev"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestStaffShows: the 师资 block of 数据画像 (kpi:read) with its charts,
// each card's drill-down naming the teachers, records, studios and merged
// award behind it, another school seeing none of it, and the district
// view showing the block's figures side by side.
func TestStaffShows(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		testfix.SeedStaff(t, st, s.a)
		f := s.a
		year := "?p=custom&from=2025-09-01&to=2026-08-31"
		admin := s.login(t, "admin@a1")
		code, body := admin.get("/kpi" + year)
		for _, want := range []string{`id="kpi-staff-title"`, "双师型教师占比", "100.0%（1/1）", "60.5 学时", "1 个（市级 1）",
			"市级以上 1 项（市级 1），获奖教师 3 人次", `id="chart-staff-awards"`, `id="chart-staff-studios"`} {
			if code != 200 || !strings.Contains(body, want) {
				t.Errorf("/kpi (%d) lacks %q", code, want)
			}
		}
		drills := map[string][]string{
			"staff_dual_share":          {f.TeacherSubject.Name, "双师型 中级", "企业实践与技师证书", f.TeacherHead.Name, "未认定"},
			"staff_practice_compliance": {f.TeacherSubject.Name, "企业实践 190.0 天", "已达标"},
			"staff_training_hours":      {f.TeacherHead.Name, "国培班主任研修", "60.5 学时"},
			"staff_studios":             {"数控技能大师工作室", "市级 技能大师"},
			"staff_ability_awards":      {"教学能力比赛", f.TeacherHead.Name + "、" + f.TeacherSubject.Name + "、" + f.TeacherOther.Name},
		}
		for key, wants := range drills {
			code, body := admin.get("/kpi/" + key + year)
			for _, want := range wants {
				if code != 200 || !strings.Contains(body, want) {
					t.Errorf("/kpi/%s (%d) lacks %q", key, code, want)
				}
			}
		}
		if _, body := admin.get("/kpi/staff_training_hours" + year); strings.Contains(body, "校本教研（待审）") {
			t.Error("a pending record is in the hours drill-down")
		}
		if _, body := admin.get("/kpi/staff_studios" + year); strings.Contains(body, "旧工作室") {
			t.Error("a studio closed before the period's end is counted")
		}
		if _, body := s.login(t, "admin@b1").get("/kpi/staff_dual_share" + year); strings.Contains(body, "双师型 中级") {
			t.Error("school b sees school a's teachers")
		}
		root := s.login(t, "root")
		if code, body := root.get("/district?year=2026"); code != 200 || !strings.Contains(body, "双师型教师占比") || !strings.Contains(body, "教师人均培训学时") ||
			!strings.Contains(body, "33.3%（1/3）") {
			t.Errorf("/district (%d) lacks the 师资 figures", code)
		}
		// A new recognition shows once the summaries are rebuilt: the page
		// keeps a school's row only as long as its summed read.
		ctx := context.Background()
		must(t, st.Recognise(ctx, f.School.ID, model.SystemActor, &teacherdev.Recognition{TeacherID: f.TeacherOther.ID, Level: "初级", RecognisedOn: "2026-12-01"}))
		if _, err := st.RefreshKPISummaries(ctx); err != nil {
			t.Fatal(err)
		}
		if _, body := root.get("/district?year=2026"); !strings.Contains(body, "66.7%（2/3）") {
			t.Error("/district still shows the 双师型 share before the recognition")
		}
	})
}
