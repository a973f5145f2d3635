package storage_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestKPIResearchKnownAnswers writes research outputs of every state into
// a school and an identical set into another, and checks the 教改创新成果
// block: only verified, not deleted outputs; a team output once; projects
// by their 立项 and 结题 dates; the drill-down lists the members; and the
// grouped read of the district equals the school's own.
func TestKPIResearchKnownAnswers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "kres", false)
		other := testfix.Build(t, st, "kres2", false)
		year := portrait.Period{From: "2025-09-01", To: "2026-08-31"}
		ids := seedResearch(t, st, f)
		seedResearch(t, st, other) // the same records elsewhere: never counted here
		in, err := st.KPIInputs(ctx, f.School.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"research_teaching_awards":    "国家级教学成果奖 一等奖 1 项；市级 二等奖 1 项",
			"research_projects_approved":  "1 项（市级 1）",
			"research_projects_concluded": "1 项（国家级 1）",
			"research_papers":             "1 篇（核心期刊 1）",
			"research_patents":            "1 件（发明 1）",
			"research_textbooks":          "0 种",
		}
		for _, k := range portrait.Research(in.Research, year) {
			if k.Value != want[k.Key] {
				t.Errorf("%s = %q, want %q", k.Key, k.Value, want[k.Key])
			}
			if k.Key != "research_papers" {
				continue
			}
			recs, err := st.KPIRecords(ctx, f.School.ID, k.Key, year, k.Records)
			if err != nil || len(recs) != 1 {
				t.Fatalf("drill-down %v %v", recs, err)
			}
			r := recs[0]
			if r.ID != ids["team paper"] || r.Who != "王老师、李老师、外校专家" || r.WhoLink != fmt.Sprintf("/teachers/%d", f.TeacherHead.ID) || r.Date != "2026-03-01" || r.Detail != "核心期刊" ||
				r.Link != fmt.Sprintf("/research/outputs/%d", r.ID) {
				t.Errorf("drill-down row %+v", r)
			}
		}
		by, err := st.KPIInputsBySchool(ctx, []int64{f.School.ID, other.School.ID}, year)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []*testfix.School{f, other} {
			if got, want := researchFigures(*by[s.School.ID], year), researchFigures(in, year); got != want {
				t.Errorf("school %s grouped %s, own %s", s.School.Code, got, want)
			}
		}
	})
}

// seedResearch writes the known outputs of TestKPIResearchKnownAnswers.
func seedResearch(t *testing.T, st *storage.Storage, f *testfix.School) map[string]int64 {
	team := []testfix.Member{{TeacherID: f.TeacherHead.ID, Name: "王老师", Role: "第一作者"}, {TeacherID: f.TeacherSubject.ID, Name: "李老师", Role: "作者"}, {Name: "外校专家", Role: "通讯作者"}}
	rs := map[string]testfix.Research{
		"team paper":      {Kind: "paper", Title: "数控实训教学改革", Grade: "核心期刊", Date: "2026-03-01", Members: team},
		"pending paper":   {Kind: "paper", Title: "待审论文", Grade: "核心期刊", Date: "2026-03-01", Status: "pending", Members: team[:1]},
		"rejected paper":  {Kind: "paper", Title: "退回论文", Grade: "核心期刊", Date: "2026-03-01", Status: "rejected", Members: team[:1]},
		"deleted paper":   {Kind: "paper", Title: "删除论文", Grade: "核心期刊", Date: "2026-03-01", Deleted: true, Members: team[:1]},
		"old paper":       {Kind: "paper", Title: "去年论文", Grade: "核心期刊", Date: "2025-08-31", Members: team[:1]},
		"national award":  {Kind: "teaching_award", Title: "产教融合育人模式", Level: "国家级", Grade: "一等奖", Date: "2025-09-01", Members: team},
		"city award":      {Kind: "teaching_award", Title: "课程思政", Level: "市级", Grade: "二等奖", Date: "2026-08-31", Members: team[1:2]},
		"approved":        {Kind: "project", Title: "新课题", Level: "市级", Stage: "立项", Date: "2025-11-01", Stages: map[string]string{"立项": "2025-11-01"}, Members: team[:2]},
		"concluded":       {Kind: "project", Title: "老课题", Level: "国家级", Stage: "结题", Date: "2026-06-01", Stages: map[string]string{"立项": "2023-05-01", "中期": "2024-05-01", "结题": "2026-06-01"}, Members: team[:2]},
		"midterm":         {Kind: "project", Title: "中期课题", Level: "省部级", Stage: "中期", Date: "2026-01-01", Stages: map[string]string{"立项": "2025-01-01", "中期": "2026-01-01"}, Members: team[:1]},
		"patent":          {Kind: "patent", Title: "夹具", Grade: "发明", Date: "2026-04-01", Members: team[:1]},
		"textbook before": {Kind: "textbook", Title: "数控编程", Grade: "国家规划教材", Date: "2024-04-01", Members: team[:1]},
		"book":            {Kind: "book", Title: "专著", Date: "2026-04-01", Members: team[:1]},
	}
	ids := map[string]int64{}
	for name, r := range rs {
		ids[name] = testfix.AddResearch(t, st, f, r)
	}
	return ids
}

// researchFigures is the block's figures as one string.
func researchFigures(in portrait.Inputs, p portrait.Period) string {
	var b strings.Builder
	for _, k := range portrait.Research(in.Research, p) {
		fmt.Fprintf(&b, "%s=%s;", k.Key, k.Value)
	}
	return b.String()
}

// randomResearch writes random research outputs into f for
// TestKPISummariesEqualScan: every kind, level, grade and status, deleted
// or not, projects with some of their stages.
func randomResearch(t *testing.T, st *storage.Storage, f *testfix.School, rng *rand.Rand) {
	t.Helper()
	day := func() string {
		return time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(900)).Format("2006-01-02")
	}
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	for range 4 + rng.IntN(8) {
		r := testfix.Research{Kind: pick("project", "paper", "patent", "textbook", "teaching_award", "book"), Title: "随机成果", Date: day(),
			Level: pick("国家级", "省部级", "市级", ""), Grade: pick("一等奖", "核心期刊", "发明", ""), Status: pick("", "", "pending", "rejected"), Deleted: rng.IntN(6) == 0,
			Members: []testfix.Member{{TeacherID: f.TeacherHead.ID, Name: "王老师", Role: "主持"}}}
		if r.Kind == "project" {
			r.Stage, r.Stages = pick("立项", "中期", "结题"), map[string]string{}
			for _, s := range []string{"立项", "中期", "结题"} {
				if rng.IntN(3) > 0 {
					r.Stages[s] = day()
				}
			}
		}
		testfix.AddResearch(t, st, f, r)
	}
}
