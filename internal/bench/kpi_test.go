package bench

import (
	"context"
	"testing"

	"zhijiao/internal/demo"
	"zhijiao/internal/portrait"
	"zhijiao/internal/testdb"
)

// TestKPISmall runs `zhijiao bench kpi`'s code on two small demo schools on
// both engines: the outcome records are seeded once (a second run leaves
// them), the district view and the dashboard answer, and the seeded
// figures are real (graduates, sittings, answers), with the pending awards
// left out.
func TestKPISmall(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			st := e.Open(t)
			if _, err := demo.Generate(ctx, st, demo.Options{Students: 150, Schools: 2, Bare: true}, nil); err != nil {
				t.Fatal(err)
			}
			r, err := KPI(ctx, st, 2, 5, 3, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Seeded != 2 || r.Page.P95 <= 0 || r.Base.P95 <= 0 || r.Path[:9] != "/district" {
				t.Fatalf("%+v", r)
			}
			if r.Users != 3 || r.Summary.P95 <= 0 || r.Scan.P95 <= 0 {
				t.Fatalf("district reads not timed: %+v", r)
			}
			if n, err := st.RefreshKPISummaries(ctx); n != 0 || err != nil {
				t.Fatalf("%d schools still behind after the bench's refresh (%v)", n, err)
			}
			r, err = KPI(ctx, st, 1, 5, 1, nil)
			if err != nil || r.Seeded != 0 || r.Path[:4] != "/kpi" {
				t.Fatalf("second run %+v %v", r, err)
			}
			list, _ := st.Schools(ctx, 0)
			p := KPIPeriod()
			in, err := st.KPIInputs(ctx, list[0].ID, p)
			if err != nil {
				t.Fatal(err)
			}
			ks := portrait.Dashboard(in, p)
			for _, k := range ks {
				if k.Key != "staff_ability_awards" && k.Key != "national_scholarships" && len(k.Records) == 0 {
					t.Errorf("%s: no records after seeding (%s)", k.Key, k.Value)
				}
			}
			for _, a := range in.Awards {
				if a.Title == "技能大赛（待审核）" {
					t.Fatal("a pending award was read")
				}
			}
		})
	}
}
