package validate

import (
	"strings"
	"testing"

	"zhijiao/internal/model"
)

// The form's rules: the kind by value or name, only the kind's fields
// kept, unreadable numbers and dates said once with their reason.
func TestDevelopmentRecordRules(t *testing.T) {
	var p sentences
	d := DevelopmentRecord(DevelopmentText{Kind: "国培", Title: " 国培计划 ", StartsOn: "2026-07-06", EndsOn: "2026-07-24", Hours: "120",
		Days: "9", Issuer: "不该留下", Provider: "师范大学"}, &p)
	if len(p) != 0 || d.Kind != "national" || d.Title != "国培计划" || d.Hours != 120 || d.Days != 0 || d.Issuer != "" || d.Provider != "师范大学" {
		t.Fatalf("course = %+v, %v", d, p)
	}
	p = nil
	d = DevelopmentRecord(DevelopmentText{Kind: "certificate", Title: "数控车工", StartsOn: "2025-06-01", EndsOn: "2026-01-01", Issuer: "市人社局", Number: "S1", Hours: "8"}, &p)
	if len(p) != 0 || d.EndsOn != "2025-06-01" || d.Hours != 0 {
		t.Fatalf("certificate = %+v, %v", d, p)
	}
	cases := []struct {
		in   DevelopmentText
		want string
	}{
		{DevelopmentText{Kind: "旅游"}, "类别不能为空"},
		{DevelopmentText{Kind: "school", Title: "x", StartsOn: "2026-3-1", EndsOn: "2026-03-02", Hours: "8"}, "开始日期应为 YYYY-MM-DD 格式的有效日期"},
		{DevelopmentText{Kind: "school", Title: "x", StartsOn: "1970-03-01", EndsOn: "2026-03-02", Hours: "8"}, "开始日期应在 1980-01-01 到"},
		{DevelopmentText{Kind: "school", Title: "x", StartsOn: "2026-03-01", EndsOn: "2026-03-02", Hours: "八"}, "学时应为数字"},
		{DevelopmentText{Kind: "enterprise", Title: "x", StartsOn: "2026-03-01", EndsOn: "2026-03-02", Days: "2", EnterpriseID: "abc"}, "实践企业选择有误"},
		{DevelopmentText{Kind: "school", Title: strings.Repeat("长", MaxDevelopmentTitle+1), StartsOn: "2026-03-01", EndsOn: "2026-03-02", Hours: "8"}, "培训名称不能超过"},
	}
	for _, c := range cases {
		var p sentences
		DevelopmentRecord(c.in, &p)
		if len(p) != 1 || !strings.HasPrefix(p[0], c.want) {
			t.Errorf("%+v: %q, want one problem starting %q", c.in, p, c.want)
		}
	}
	bad := model.DevelopmentRecord{Kind: "school", Title: "x", StartsOn: "2026-03-01", EndsOn: "2026-02-01", Hours: 8}
	if err := DevelopmentErr(&bad); err == nil || !strings.Contains(err.Error(), "结束日期不能早于开始日期") {
		t.Errorf("storage guard: %v", err)
	}
}
