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

func TestMaskEmbeddedID(t *testing.T) {
	id := "500112201003020155"
	for in, want := range map[string]string{
		"G" + id:              "G500112********0155",
		"g" + id:              "g500112********0155",
		"J2024010101":         "J2024010101",
		"X" + id + "-2":       "X500112********0155-2",
		"G50011220100302015X": "G50011220100302015X", // not a valid number: left alone
		"":                    "",
	} {
		if got := MaskEmbeddedID(in, id); got != want {
			t.Errorf("MaskEmbeddedID(%q) = %q, want %q", in, got, want)
		}
	}
	if got := MaskEmbeddedID("G"+id, ""); got != "G500112********0155" {
		t.Errorf("without the student's number: %q", got)
	}
}
