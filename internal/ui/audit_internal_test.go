package ui

import "testing"

func TestAuditDiff(t *testing.T) {
	cases := []struct {
		name, before, after string
		want                []auditChange
	}{
		{"update shows changed keys only",
			`{"id":3,"name":"1班","program":"三年制中职","head_teacher_id":4,"updated_at":"2026-01-01T00:00:00Z"}`,
			`{"id":3,"name":"2班","program":"三年制中职","head_teacher_id":0,"updated_at":"2026-02-01T00:00:00Z"}`,
			[]auditChange{{"名称", "1班", "2班"}, {"班主任", "4", ""}}},
		{"create leaves out empty and false values, masks ID numbers",
			``, `{"name":"张三","id_number":"500112201003010011","phone":"","active":false,"dual_qualified":true}`,
			[]auditChange{{"双师型", "", "是"}, {"名称", "", "张三"}, {"证件号码", "", "500112********0011"}}},
		{"lists of roles by name", `["student"]`, `["student","parent"]`,
			[]auditChange{{"值", "学生", "学生、家长"}}},
		{"nested objects are flattened", ``, `{"rows":{"students":600}}`,
			[]auditChange{{"rows.students", "", "600"}}},
		{"no detail", ``, ``, nil},
	}
	for _, c := range cases {
		got := auditDiff(c.before, c.after)
		if len(got) != len(c.want) {
			t.Errorf("%s: got %+v", c.name, got)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: row %d = %+v, want %+v", c.name, i, got[i], c.want[i])
			}
		}
	}
}
