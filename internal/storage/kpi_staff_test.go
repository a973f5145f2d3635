package storage_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// randomStaff writes random 师资 records into f: enterprise practice of
// every status crossing five-year edges, training hours with fractions,
// recognitions replaced and revoked, studios opened and closed, and
// teaching-ability awards entered both as research outputs and per member
// in the old table.
func randomStaff(t *testing.T, st *storage.Storage, f *testfix.School, rng *rand.Rand) {
	t.Helper()
	ctx, a, sid := context.Background(), model.SystemActor, f.School.ID
	day := func(from int) string {
		return time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(365*(2028-from))).Format("2006-01-02")
	}
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	teachers := []int64{f.TeacherHead.ID, f.TeacherSubject.ID, f.TeacherOther.ID}
	statuses := []string{teacherdev.StatusVerified, teacherdev.StatusVerified, teacherdev.StatusPending, teacherdev.StatusRejected}
	for _, tid := range teachers {
		for range rng.IntN(4) {
			from, _ := time.Parse("2006-01-02", day(2018))
			span := 20 + rng.IntN(200)
			testfix.ProgressRecord(t, st, sid, tid, teacherdev.Fact{Kind: teacherdev.KindEnterprise, StartsOn: from.Format("2006-01-02"),
				EndsOn: from.AddDate(0, 0, span-1).Format("2006-01-02"), Days: float64(span - rng.IntN(10)), Status: statuses[rng.IntN(4)],
				EnterpriseConfirmed: rng.IntN(4) > 0}, "企业实践")
		}
		for range rng.IntN(4) {
			d := day(2023)
			testfix.ProgressRecord(t, st, sid, tid, teacherdev.Fact{Kind: teacherdev.Kinds[rng.IntN(5)], StartsOn: d, EndsOn: d,
				Hours: float64(rng.IntN(800)) / 8, Status: statuses[rng.IntN(4)]}, "培训")
		}
		if rng.IntN(3) > 0 {
			must(t, st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: tid, Level: pick(teacherdev.DualLevels...), RecognisedOn: day(2022)}))
			switch rng.IntN(3) {
			case 0:
				must(t, st.RevokeRecognition(ctx, sid, a, tid, day(2022), "不再符合条件"))
			case 1:
				must(t, st.Recognise(ctx, sid, a, &teacherdev.Recognition{TeacherID: tid, Level: pick(teacherdev.DualLevels...), RecognisedOn: day(2024)}))
			}
		}
	}
	for range rng.IntN(3) {
		s := teacherdev.Studio{Name: fmt.Sprintf("工作室%d", rng.Uint32()), Kind: "名师", Level: pick(teacherdev.StudioLevels...), HostTeacherID: teachers[rng.IntN(3)], FoundedOn: day(2021)}
		if rng.IntN(3) == 0 {
			s.ClosedOn = day(2022)
		}
		must(t, st.SaveStudio(ctx, sid, a, &s))
	}
	for range rng.IntN(3) {
		title, prize, on := pick("教学能力比赛", "信息化教学大赛"), pick("一等奖", "二等奖"), day(2024)
		members := rng.Perm(3)[:1+rng.IntN(3)]
		if rng.IntN(2) == 0 {
			r := testfix.Research{Kind: "competition", Title: title, Level: pick("国家级", "省部级", "市级"), Grade: prize, Date: on, Status: pick("", "", "pending")}
			for _, m := range members {
				r.Members = append(r.Members, testfix.Member{TeacherID: teachers[m], Name: "教师", Role: "参与"})
			}
			testfix.AddResearch(t, st, f, r)
		}
		// The old table, one row per member, sometimes for the same award.
		for _, m := range members {
			if rng.IntN(2) == 0 {
				must(t, st.AddTeacherAward(ctx, sid, a, &model.TeacherAward{TeacherID: teachers[m], Title: title, Level: pick(model.AwardLevels...), Prize: prize, AwardedOn: on}))
			}
		}
	}
}

// TestStaffBlock checks the block's figures on a known school on both
// engines (testfix.SeedStaff): a revoked recognition, practice in and out
// of the window, pending hours, a closed studio and a team award entered
// twice.
func TestStaffBlock(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "kstaff", false)
		sid := f.School.ID
		testfix.SeedStaff(t, st, f)
		year := portrait.Period{From: "2025-09-01", To: "2026-08-31"}
		in, err := st.KPIInputs(ctx, sid, year)
		if err != nil {
			t.Fatal(err)
		}
		in.ProvincialLabel = "市级"
		got := map[string]string{}
		for _, k := range portrait.Dashboard(in, year) {
			if k.Block == portrait.StaffBlock {
				got[k.Key] = k.Value
			}
		}
		want := map[string]string{
			"staff_dual_share":          "33.3%（1/3）",
			"staff_practice_compliance": "100.0%（1/1）",
			"staff_training_hours":      "20.2 学时（合计 60.5 学时 ÷ 3 人）",
			"staff_studios":             "1 个（市级 1）",
			"staff_ability_awards":      "市级以上 1 项（市级 1），获奖教师 3 人次",
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %q, want %q", k, got[k], v)
			}
		}
		// On the last day of 2021 the closed studio was open, nobody was
		// recognised and the practice had not begun.
		early := portrait.Period{From: "2021-01-01", To: "2021-12-31"}
		in, err = st.KPIInputs(ctx, sid, early)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range portrait.StaffKPIs(in.Staff, early, "市级") {
			if k.Key == "staff_studios" && k.Value != "1 个（校级 1）" || k.Key == "staff_dual_share" && !strings.HasPrefix(k.Value, "0.0%") ||
				k.Key == "staff_practice_compliance" && !strings.HasPrefix(k.Value, "0.0%") {
				t.Errorf("2021: %s = %q", k.Key, k.Value)
			}
		}
		// The district summaries say the same, on any day.
		if _, err := st.RefreshKPISummaries(ctx); err != nil {
			t.Fatal(err)
		}
		compareSummary(t, st, []int64{sid}, rand.New(rand.NewPCG(3, 4)))
	})
}
