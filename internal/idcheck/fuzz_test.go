package idcheck

import (
	"strings"
	"testing"
	"time"
)

// Fuzzed: any text is checked without panicking; what passes is in its
// normal form (checking it again changes nothing), and a mask never shows
// the middle of the number.

func FuzzIDNumber(f *testing.F) {
	f.Add(MakeIDNumber("500112", time.Date(2010, 3, 1, 0, 0, 0, 0, time.UTC), 7, true))
	for _, s := range []string{"", "11010519491231002x", " 110105 19491231 002X ", "810000199001011234", "123456789012345", "５００１１２２０１００３０１００７X", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// A mask keeps the length, so a list's columns stay aligned.
		if m, trimmed := MaskID(s), []rune(strings.TrimSpace(s)); len([]rune(m)) != len(trimmed) {
			t.Fatalf("mask of %q is %q", s, m)
		}
		norm, birth, err := IDNumber(s)
		if err != nil {
			return
		}
		again, birth2, err := IDNumber(norm)
		if err != nil || again != norm || birth2 != birth {
			t.Fatalf("%q passed as %q but checking that again gives %q %q %v", s, norm, again, birth2, err)
		}
		if len(norm) == 18 && strings.Contains(MaskID(norm), norm[6:14]) {
			t.Fatalf("mask %q of %q shows the birth date", MaskID(norm), norm)
		}
	})
}

func FuzzCreditCode(f *testing.F) {
	f.Add(MakeCreditCode("91500000MA5U00001"))
	for _, s := range []string{"", "91500000MA5U000010", "９１５０００００ＭＡ５Ｕ０００１", "I1500000MA5U00001O"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		norm, err := CreditCode(s)
		if err != nil {
			return
		}
		if again, err := CreditCode(norm); err != nil || again != norm {
			t.Fatalf("%q passed as %q but checking that again gives %q %v", s, norm, again, err)
		}
	})
}

// Phone numbers are fuzzed too: "0" once read past the end of the number.
func FuzzPhone(f *testing.F) {
	for _, s := range []string{"13812345678", "+86 138 1234 5678", "023-12345678", "0", "+", "0-", "(0831)2345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		norm, err := Phone(s)
		if err != nil {
			return
		}
		if again, err := Phone(norm); err != nil || again != norm {
			t.Fatalf("%q passed as %q but checking that again gives %q %v", s, norm, again, err)
		}
	})
}
