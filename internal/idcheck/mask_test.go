package idcheck

import "testing"

func TestMask(t *testing.T) {
	ids := map[string]string{
		"50011220080301123X": "500112********123X",
		"":                   "",
		"AB":                 "**",
		"E1234567":           "E1****67",
		"12345678901":        "123456*8901",
	}
	for in, want := range ids {
		if got := MaskID(in); got != want {
			t.Errorf("MaskID(%q) = %q, want %q", in, got, want)
		}
	}
	phones := map[string]string{
		"13812345678":  "138****5678",
		"023-12345678": "023-****5678",
		"6512345":      "***2345",
		"123":          "***",
		"":             "",
	}
	for in, want := range phones {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}
