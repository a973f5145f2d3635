package validate

import (
	"math"
	"testing"
)

func TestNumberRefusesNaNAndInf(t *testing.T) {
	for _, s := range []string{"NaN", "nan", "Inf", "+Inf", "-inf", "infinity", "0x1p3", "1e400", "", " ", "1_000", "٣"} {
		if f, err := Number(s); err == nil {
			t.Errorf("Number(%q) = %v, want an error", s, f)
		}
	}
	for s, want := range map[string]float64{"12": 12, " 1.5 ": 1.5, "-3": -3, "2e1": 20, ".5": 0.5} {
		if f, err := Number(s); err != nil || f != want {
			t.Errorf("Number(%q) = %v, %v", s, f, err)
		}
	}
	if Finite(math.NaN()) || Finite(math.Inf(-1)) || !Finite(0) {
		t.Error("Finite")
	}
}

func TestControlCharacters(t *testing.T) {
	for _, s := range []string{"a\x00b", "\x00", "x\x1b[31m", "\x7f", "\u0085", "bad\xffutf8"} {
		if Control(s) == "" || Text(s, 50, false) == "" {
			t.Errorf("%q passes", s)
		}
	}
	for _, s := range []string{"", "张三", "第一行\r\n第二行\t缩进", "Ａ全角"} {
		if r := Control(s); r != "" {
			t.Errorf("%q refused: %s", s, r)
		}
	}
}

func TestPersonNameIsTheImportRule(t *testing.T) {
	for _, s := range []string{"<script>", "=1+2", "张三\x00", "李四1", "a@b"} {
		if _, err := PersonName(s); err == nil {
			t.Errorf("%q passes as a name", s)
		}
	}
	if n, err := PersonName(" 阿依古丽•买买提 "); err != nil || n != "阿依古丽·买买提" {
		t.Errorf("dots: %q %v", n, err)
	}
}
