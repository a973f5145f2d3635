package idcheck

import (
	"strings"
	"testing"
)

func TestCreditCode(t *testing.T) {
	tests := []struct{ in, want, errHas string }{
		// A widely published valid code; the algorithm agrees with it.
		{in: "91350100M000100Y43", want: "91350100M000100Y43"},
		{in: " 91350100m000100y43", want: "91350100M000100Y43"},
		{in: "91350100M000100Y44", errHas: "校验位错误：应为 3，实为 4"},
		{in: "91350100M000100Y4", errHas: "应为18位，实为17位"},
		{in: "91350100I000100Y43", errHas: "第9位“I”"},
		{in: "91350100M000100Y4O", errHas: "第18位“O”"},
		{in: "9135010０M000100Y43", want: "91350100M000100Y43"},
		{in: "91350100中000100Y43", errHas: "第9位“中”"},
		{in: "", errHas: "不能为空"},
	}
	for _, tc := range tests {
		got, err := CreditCode(tc.in)
		if tc.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("CreditCode(%q) err = %v, want containing %q", tc.in, err, tc.errHas)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("CreditCode(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestMakeCreditCodeRoundTrip(t *testing.T) {
	for _, body := range []string{"91350100M000100Y4", "9150010320280372X", "52500000MJP000000", "12100000400000000"} {
		code := MakeCreditCode(body)
		if got, err := CreditCode(code); err != nil || got != code {
			t.Errorf("MakeCreditCode(%q) = %q does not validate: %v", body, code, err)
		}
	}
	if got := MakeCreditCode("91350100M000100Y4"); got != "91350100M000100Y43" {
		t.Errorf("MakeCreditCode = %q, want the published example", got)
	}
}
