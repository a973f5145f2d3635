package idcheck

import (
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
)

func TestIDNumber(t *testing.T) {
	fixed := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	now = func() time.Time { return fixed }
	defer func() { now = time.Now }()

	tests := []struct {
		in, norm, birth string
		kind            model.IDType
		errHas          string
	}{
		// The example printed in GB 11643-1999 itself.
		{in: "11010519491231002X", norm: "11010519491231002X", birth: "1949-12-31", kind: model.IDResident},
		{in: " 11010519491231002x ", norm: "11010519491231002X", birth: "1949-12-31", kind: model.IDResident},
		{in: "１１０１０５１９４９１２３１００２Ｘ", norm: "11010519491231002X", birth: "1949-12-31", kind: model.IDResident},
		{in: "110105194912310023", errHas: "身份证号校验位错误：应为 X，实为 3"},
		{in: "11010519491231002", errHas: "身份证号应为18位，实为17位"},
		{in: "1101051949123100234", errHas: "实为19位"},
		{in: "", errHas: "不能为空"},
		{in: "110105491231002", errHas: "插入“19”"},
		{in: "1101051949123100AX", errHas: "第17位应为数字"},
		{in: "11010519491231002Y", errHas: "第18位应为数字或X"},
		{in: MakeIDNumber("500112", fixed, 1, true)[:6] + "20230230" + "0011", errHas: "出生日期 2023-02-30 不是有效日期"},
		{in: withCheck("50011220081301001"), errHas: "出生日期 2008-13-01 不是有效日期"},
		{in: withCheck("50011218991231001"), errHas: "早于1900年"},
		{in: withCheck("50011220260302001"), errHas: "晚于今天"},
		{in: withCheck("00011220080301001"), errHas: "前两位“00”"},
		{in: withCheck("81000020080301001"), birth: "2008-03-01", kind: model.IDHKMacauResident},
		{in: withCheck("82000020080301001"), birth: "2008-03-01", kind: model.IDHKMacauResident},
		{in: withCheck("83000020080301001"), birth: "2008-03-01", kind: model.IDTaiwanResident},
		{in: withCheck("95015620080301001"), birth: "2008-03-01", kind: model.IDForeignPR},
		{in: withCheck("90015620080301001"), errHas: "第2–3位“00”"},
		{in: withCheck("50011220240229001"), birth: "2024-02-29", kind: model.IDResident},
	}
	for _, tc := range tests {
		norm, birth, err := IDNumber(tc.in)
		if tc.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("IDNumber(%q) err = %v, want containing %q", tc.in, err, tc.errHas)
			}
			continue
		}
		if err != nil {
			t.Errorf("IDNumber(%q) unexpected error: %v", tc.in, err)
			continue
		}
		if tc.norm != "" && norm != tc.norm {
			t.Errorf("IDNumber(%q) norm = %q, want %q", tc.in, norm, tc.norm)
		}
		if birth != tc.birth {
			t.Errorf("IDNumber(%q) birth = %q, want %q", tc.in, birth, tc.birth)
		}
		if k := Kind(norm); k != tc.kind {
			t.Errorf("Kind(%q) = %q, want %q", norm, k, tc.kind)
		}
	}
}

// withCheck completes a 17-digit body with its check digit, so a test case
// fails for the reason it is about and not for the check digit.
func withCheck(body string) string { return body + string(idCheck(body)) }

func TestMakeIDNumberRoundTrip(t *testing.T) {
	birth := time.Date(2008, 9, 1, 0, 0, 0, 0, time.UTC)
	for seq := -3; seq < 120; seq++ {
		for _, male := range []bool{true, false} {
			id := MakeIDNumber("500112", birth, seq, male)
			norm, b, err := IDNumber(id)
			if err != nil || norm != id || b != "2008-09-01" {
				t.Fatalf("MakeIDNumber(seq=%d, male=%v) = %q: IDNumber → %q %q %v", seq, male, id, norm, b, err)
			}
			if odd := (id[16]-'0')%2 == 1; odd != male {
				t.Fatalf("digit 17 of %q has wrong parity for male=%v", id, male)
			}
		}
	}
}

func TestMakeIDNumberPanicsOnBadRegion(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("want panic for a 5-digit region")
		}
	}()
	MakeIDNumber("50011", time.Now(), 1, true)
}
