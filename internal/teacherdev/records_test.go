package teacherdev

import (
	"strings"
	"testing"
)

func fields(ps []Problem) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return strings.Join(out, ",")
}

func TestCheckRecordByKind(t *testing.T) {
	course := Record{Kind: KindNational, Title: "国培计划 数控专业骨干教师", StartsOn: "2026-07-01", EndsOn: "2026-07-20", Hours: 120}
	practice := Record{Kind: KindEnterprise, Title: "数控车间 工艺员", StartsOn: "2026-07-01", EndsOn: "2026-07-31", Days: 30, EnterpriseID: 7}
	cert := Record{Kind: KindCertificate, Title: "数控车工", StartsOn: "2025-06-01", Issuer: "市人社局", Number: "S2025-001", ExpiresOn: "2030-06-01"}
	cases := []struct {
		name string
		r    Record
		want string
	}{
		{"good course", course, ""},
		{"good practice", practice, ""},
		{"good certificate", cert, ""},
		{"unknown kind", Record{Kind: "x"}, "kind"},
		{"course without hours", func() Record { r := course; r.Hours = 0; return r }(), "hours"},
		{"course over the hours bound", func() Record { r := course; r.Hours = 3000; return r }(), "hours"},
		{"ends before it starts", func() Record { r := course; r.EndsOn = "2026-06-30"; return r }(), "ends_on"},
		{"no dates", func() Record { r := course; r.StartsOn, r.EndsOn = "", ""; return r }(), "starts_on"},
		{"no title", func() Record { r := course; r.Title = ""; return r }(), "title"},
		{"practice longer than its dates", func() Record { r := practice; r.Days = 40; return r }(), "days"},
		{"practice without enterprise or days", func() Record { r := practice; r.Days, r.EnterpriseID = 0, 0; return r }(), "days,enterprise_id"},
		{"certificate without issuer and number", func() Record { r := cert; r.Issuer, r.Number = "", ""; return r }(), "issuer,number"},
		{"certificate expiring before obtained", func() Record { r := cert; r.ExpiresOn = "2024-01-01"; return r }(), "expires_on"},
		{"degree over six years", Record{Kind: KindDegree, Title: "教育硕士", StartsOn: "2010-01-01", EndsOn: "2020-01-01", Hours: 100}, "ends_on"},
	}
	for _, c := range cases {
		if got := fields(Check(c.r)); got != c.want {
			t.Errorf("%s: problems on %q, want %q (%v)", c.name, got, c.want, Check(c.r))
		}
	}
}

func TestSpecOfKinds(t *testing.T) {
	for _, k := range Kinds {
		sp := SpecOf(k)
		if sp.Hours != k.Training() {
			t.Errorf("%s: hours %v but Training %v", k, sp.Hours, k.Training())
		}
	}
	if !SpecOf(KindEnterprise).Days || !SpecOf(KindCertificate).Certificate {
		t.Error("practice counts days and a certificate has its issuer")
	}
	if k, ok := KindByName("国培"); !ok || k != KindNational {
		t.Error("国培 by name")
	}
	if _, ok := KindByName("旅游"); ok {
		t.Error("an unknown name is no kind")
	}
}
