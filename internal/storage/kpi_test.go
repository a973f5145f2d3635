package storage_test

import (
	"context"
	"slices"
	"testing"

	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

func kpiByKey(ks []portrait.KPI) map[string]portrait.KPI {
	m := map[string]portrait.KPI{}
	for _, k := range ks {
		m[k.Key] = k
	}
	return m
}

// TestKPIKnownAnswers computes the 数据画像 from hand-built records (see
// testfix.SeedKPI for why each answer is what it is) on both engines, with
// a second school's records that must not count.
func TestKPIKnownAnswers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "kpa", false)
		g := testfix.Build(t, st, "kpb", false)
		rec := testfix.SeedKPI(t, st, f)
		testfix.SeedKPI(t, st, g) // the same records again, in the other school
		year := portrait.Period{From: testfix.KPIYearFrom, To: testfix.KPIYearTo}
		in, err := st.KPIInputs(ctx, f.School.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		in.ProvincialLabel = "市级"
		ks := kpiByKey(portrait.Dashboard(in, year))
		want := map[string]string{
			"student_awards":           "市级以上 3 项，其中国家级一等奖 1 项、市级一等奖 1 项",
			"certificate_pass_rate":    "50.0%（1/2）",
			"dual_certificate_rate":    "50.0%（1/2）",
			"national_scholarships":    "1 人次",
			"initial_employment_rate":  "100.0%（2/2）",
			"relevant_employment_rate": "100.0%（1/1）",
			"employer_satisfaction":    portrait.NoData,
			"social_training":          "120 人次",
			"staff_ability_awards":     "市级以上 2 项（国家级 1、市级 1），获奖教师 2 人次",
		}
		for key, v := range want {
			if ks[key].Value != v {
				t.Errorf("%s = %q, want %q", key, ks[key].Value, v)
			}
		}
		awards := ks["student_awards"].Records
		slices.Sort(awards)
		wantIDs := []int64{rec.AwardNationalFirst, rec.AwardProvincialFirst, rec.AwardProvincialSecond}
		slices.Sort(wantIDs)
		if !slices.Equal(awards, wantIDs) {
			t.Errorf("award drill-down %v, want %v", awards, wantIDs)
		}
		if c := ks["certificate_pass_rate"].Records; !slices.Contains(c, rec.CertPassed) || !slices.Contains(c, rec.CertFailed) || slices.Contains(c, rec.CertPending) {
			t.Errorf("certificate drill-down %v", c)
		}
		// Answers submitted today count in a period that includes today.
		now := portrait.Period{From: storage.Today(), To: storage.Today()}
		in2, err := st.KPIInputs(ctx, f.School.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		if k := portrait.EmployerSatisfaction(in2.Survey, now); k.Value != "50.0%（1/2）" {
			t.Errorf("satisfaction today %q", k.Value)
		}
		// An empty period: rates are 无数据, counts zero; but the 师资 states
		// (双师型, practice) are the teachers' on its last day, who exist.
		empty := portrait.Period{From: "2030-01-01", To: "2030-12-31"}
		in3, err := st.KPIInputs(ctx, f.School.ID, empty)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range portrait.Dashboard(in3, empty) {
			if k.Rate != nil && k.Value != portrait.NoData && k.Block != portrait.StaffBlock {
				t.Errorf("empty period %s = %q", k.Key, k.Value)
			}
			if k.Count != nil && *k.Count != 0 {
				t.Errorf("empty period %s = %d", k.Key, *k.Count)
			}
		}

		// The grouped read for many schools gives each school the same
		// figures as its own dashboard, and nothing of the others.
		for _, p := range []portrait.Period{year, now, empty, {}} {
			by, err := st.KPIInputsBySchool(ctx, []int64{f.School.ID}, p)
			if err != nil {
				t.Fatal(err)
			}
			own, err := st.KPIInputs(ctx, f.School.ID, p)
			if err != nil {
				t.Fatal(err)
			}
			a, b := portrait.Dashboard(*by[f.School.ID], p), portrait.Dashboard(own, p)
			for i := range a {
				if a[i].Value != b[i].Value {
					t.Errorf("period %v %s: grouped %q, own %q", p, a[i].Key, a[i].Value, b[i].Value)
				}
			}
			if len(by) != 1 {
				t.Errorf("grouped read returned %d schools", len(by))
			}
		}
		both, err := st.KPIInputsBySchool(ctx, []int64{f.School.ID, g.School.ID}, year)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(both[g.School.ID].Certificates); n != 2 {
			t.Errorf("school b certificates %d", n)
		}
	})
}
