package teacherdev

import "testing"

func cert(level, expires string) Fact {
	return Fact{Kind: KindCertificate, StartsOn: "2024-01-01", EndsOn: "2024-01-01", Status: StatusVerified, Level: level, ExpiresOn: expires}
}

func TestCheckDual(t *testing.T) {
	pro := Teacher{Professional: true}
	at := d("2026-12-01")
	long := practice1("2025-01-01", "2025-06-29", 180, true)
	short := practice1("2025-01-01", "2025-01-30", 30, true)
	cases := []struct {
		name    string
		teacher Teacher
		recs    []Fact
		level   string
	}{
		{"general teacher", Teacher{}, []Fact{long, cert("技师", "")}, ""},
		{"no certificate", pro, []Fact{long}, ""},
		{"初级", pro, []Fact{short, cert("电工五级", "")}, "初级"},
		{"中级", pro, []Fact{long, cert("四级/中级工", "")}, "中级"},
		{"高级", pro, []Fact{long, cert("技师（二级）", "")}, "高级"},
		{"expired certificate", pro, []Fact{long, cert("技师", "2026-11-30")}, ""},
		{"certificate valid on its last day", pro, []Fact{long, cert("技师", "2026-12-01")}, "高级"},
		{"short practice caps at 初级", pro, []Fact{short, cert("高级技师", "")}, "初级"},
	}
	for _, c := range cases {
		got := CheckDual(c.teacher, c.recs, at)
		if got.Level != c.level {
			t.Errorf("%s: level %q, want %q (%v / %v)", c.name, got.Level, c.level, got.Reasons, got.Missing)
		}
	}
	if m := CheckDual(pro, []Fact{short, cert("五级", "")}, at).Missing; len(m) == 0 {
		t.Error("初级 teacher is told nothing about 中级")
	}
}

func TestMismatches(t *testing.T) {
	checks := map[int64]DualCheck{1: {Level: "中级"}, 2: {}, 3: {Level: "初级"}, 4: {Level: "高级"}}
	current := map[int64]Recognition{2: {Level: "初级"}, 3: {Level: "中级"}, 4: {Level: "中级"}}
	un, unsup := Mismatches(checks, current)
	if len(un) != 1 || un[0].TeacherID != 1 {
		t.Errorf("unrecognised: %+v", un)
	}
	if len(unsup) != 2 || unsup[0].TeacherID != 2 || unsup[1].TeacherID != 3 {
		t.Errorf("unsupported: %+v", unsup)
	}
}

func TestRecognitionCurrent(t *testing.T) {
	at := d("2026-12-01")
	if !(Recognition{}).Current(at) || (Recognition{RevokedOn: "2026-12-01"}).Current(at) || !(Recognition{RevokedOn: "2026-12-02"}).Current(at) {
		t.Error("Current is wrong at the revocation day")
	}
}
