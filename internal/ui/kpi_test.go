package ui_test

import (
	"context"
	"strings"
	"testing"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestKPIDashboard: the school admin sees the figures of the school's own
// records, with definitions, a drill-down to exactly the records counted
// and .xlsx exports; the other school, seeded with different records, sees
// its own figures and never these.
func TestKPIDashboard(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	rec := testfix.SeedKPI(t, st, s.a)
	year := "?p=custom&from=" + testfix.KPIYearFrom + "&to=" + testfix.KPIYearTo
	c := s.login(t, "admin@a1")
	// Without a period the page shows the last twelve months, ending today.
	if code, body := c.get("/kpi"); code != 200 || !strings.Contains(body, "近一年") || !strings.Contains(body, storage.Today()) {
		t.Errorf("/kpi without a period: %d, no 近一年 ending %s", code, storage.Today())
	}
	code, body := c.get("/kpi" + year)
	if code != 200 {
		t.Fatalf("/kpi: %d %s", code, body)
	}
	// The cards' and the export's links keep the chosen period.
	if keep := "export.xlsx?from=" + testfix.KPIYearFrom + "&amp;p=custom&amp;to=" + testfix.KPIYearTo; !strings.Contains(body, keep) {
		t.Errorf("/kpi links lose the period: no %q", keep)
	}
	for _, want := range []string{"市级以上 3 项，其中国家级一等奖 1 项、市级一等奖 1 项", "50.0%（1/2）", "100.0%（2/2）", "120 人次", "无数据",
		"期内证书考试", `data-chart="chart-awards"`, `id="chart-destinations"`, "2025-09-01 至 2026-08-31"} {
		if !strings.Contains(body, want) {
			t.Errorf("/kpi lacks %q", want)
		}
	}
	code, body = c.get("/kpi/student_awards" + year)
	if code != 200 || !strings.Contains(body, "/evidence/"+itoa(rec.AwardNationalFirst)) || strings.Contains(body, "/evidence/"+itoa(rec.AwardPending)) ||
		strings.Contains(body, "/evidence/"+itoa(rec.AwardCity)) || !strings.Contains(body, "张一") {
		t.Errorf("drill-down: %d %s", code, body)
	}
	if code, _ := c.get("/kpi/nonsense" + year); code != 404 {
		t.Errorf("unknown KPI: %d", code)
	}
	for _, path := range []string{"/kpi/export.xlsx" + year, "/kpi/certificate_pass_rate/export.xlsx" + year} {
		code, body := c.get(path)
		if code != 200 || !strings.HasPrefix(body, "PK") {
			t.Errorf("%s: %d", path, code)
		}
	}
	// School b has no records: its admin sees 无数据, not school a's figures.
	cb := s.login(t, "admin@b1")
	_, body = cb.get("/kpi" + year)
	if strings.Contains(body, "市级以上 3 项") || strings.Contains(body, "120 人次") || !strings.Contains(body, "本期无获奖记录") {
		t.Errorf("school b sees school a's KPIs")
	}
	if _, body := cb.get("/kpi/student_awards" + year); strings.Contains(body, "张一") {
		t.Error("school b's drill-down lists school a's student")
	}
	// Roles without kpi:read.
	for _, u := range []string{"banzhuren@a1", "xs1@a1", "jiazhang@a1"} {
		if code, _ := s.login(t, u).get("/kpi"); code != 403 {
			t.Errorf("%s /kpi: %d", u, code)
		}
	}
}

// TestDistrictView: the platform admin sees every school side by side, a
// district admin only the schools of their district, and school accounts
// never reach the page.
func TestDistrictView(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		testfix.SeedKPI(t, st, s.a)
		d := model.District{Code: "yz", Name: "渝中区教委"}
		if err := st.CreateDistrict(ctx, &d); err != nil {
			t.Fatal(err)
		}
		sa := s.a.School
		sa.DistrictID = d.ID
		if err := st.UpdateSchool(ctx, model.SystemActor, sa); err != nil {
			t.Fatal(err)
		}
		hash, _ := auth.HashPassword(testfix.Password)
		for _, u := range []model.User{
			{Username: "qu-yz", DisplayName: "区教委", PasswordHash: hash, Roles: []string{model.RoleDistrictAdmin}, DistrictID: d.ID},
			{Username: "qu-none", DisplayName: "无区域", PasswordHash: hash, Roles: []string{model.RoleDistrictAdmin}},
		} {
			if err := st.CreateUser(ctx, model.PlatformSchoolID, model.SystemActor, &u); err != nil {
				t.Fatal(err)
			}
		}
		root := s.login(t, "root")
		code, body := root.get("/district?year=2025&sort=student_awards")
		if code != 200 || !strings.Contains(body, "测试学校a1") || !strings.Contains(body, "测试学校b1") || !strings.Contains(body, "市级以上 3 项") {
			t.Fatalf("platform /district: %d", code)
		}
		if strings.Index(body, "测试学校a1</td>") > strings.Index(body, "测试学校b1</td>") {
			t.Error("sorted by awards, school a (3) should come before b (none)")
		}
		if code, body := root.get("/district?year=2025&district=" + itoa(d.ID)); code != 200 || strings.Contains(body, "测试学校b1</td>") {
			t.Errorf("platform filtered by district: %d", code)
		}
		if code, body := root.get("/district/export.xlsx?year=2025"); code != 200 || !strings.HasPrefix(body, "PK") {
			t.Errorf("district export: %d", code)
		}
		qu := s.login(t, "qu-yz")
		code, body = qu.get("/district?year=2025&district=0")
		if code != 200 || !strings.Contains(body, "测试学校a1") || strings.Contains(body, "测试学校b1") || !strings.Contains(body, "100.0%（2/2）") {
			t.Errorf("district admin: %d, sees b: %v", code, strings.Contains(body, "测试学校b1"))
		}
		if strings.Contains(body, "/evidence/") || strings.Contains(body, "张一") {
			t.Error("district view shows records, not only figures")
		}
		if _, body := s.login(t, "qu-none").get("/district"); strings.Contains(body, "测试学校a1") || !strings.Contains(body, "没有可查看的学校") {
			t.Error("a district admin without a district sees schools")
		}
		for _, u := range []string{"admin@a1", "jiaowu@a1", "admin@b1"} {
			if code, _ := s.login(t, u).get("/district"); code != 403 {
				t.Errorf("%s /district: %d", u, code)
			}
		}
		// A school account given district:read by mistake is still turned away.
		mistaken := model.User{Username: "quwei@a1", DisplayName: "误授权", PasswordHash: hash, Roles: []string{model.RoleDistrictAdmin}}
		if err := st.CreateUser(ctx, s.a.School.ID, model.SystemActor, &mistaken); err != nil {
			t.Fatal(err)
		}
		mc := s.login(t, "quwei@a1")
		for _, p := range []string{"/district", "/district/export.xlsx"} {
			if code, body := mc.get(p); code != 403 || strings.Contains(body, "各校指标对比") {
				t.Errorf("school account with district:read %s: %d", p, code)
			}
		}
		if code, _ := s.login(t, "admin@a1").get("/district/export.xlsx"); code != 403 {
			t.Errorf("school admin district export: %d", code)
		}
	})
}
