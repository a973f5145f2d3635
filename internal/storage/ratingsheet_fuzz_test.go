package storage

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// The sheet codec is hand-written for speed, so it is fuzzed: any bytes
// decode without panicking, and anything encoded decodes to itself.

func FuzzDecodeSheet(f *testing.F) {
	for _, s := range []string{`[]`, `[["D01",86]]`, `[["D01",86],["Z01",0,"良好"],["X01",90,"","本学期\n进步\"很大\""]]`,
		`[ [ "D01" , 8.5e1 ] ]`, `[["a\u00e9\\",1,"\ud83d\ude00"]]`, `[["D01",]`, `[`, `[["D01",1e999]]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		items, err := decodeSheet(b)
		if err != nil {
			return
		}
		// What decodes re-encodes and decodes to the same items.
		again, err := decodeSheet(appendSheet(nil, items))
		if err != nil || len(again) != len(items) {
			t.Fatalf("re-encoded sheet: %v, %d items, want %d", err, len(again), len(items))
		}
		for i := range items {
			a, b := items[i], again[i]
			// The encoder writes invalid UTF-8 as U+FFFD, byte by byte.
			a.code, a.level, a.comment = replaceInvalid(a.code), replaceInvalid(a.level), replaceInvalid(a.comment)
			if a.code != b.code || a.level != b.level || a.comment != b.comment || (a.value != b.value && !(math.IsNaN(a.value) && math.IsNaN(b.value))) {
				t.Fatalf("item %d: %+v became %+v", i, a, b)
			}
		}
	})
}

func FuzzEncodeSheet(f *testing.F) {
	f.Add("D01", 86.0, "", "")
	f.Add("Z01", 0.0, "良好", "说明：\"认真\"\\负责\n第二行 😀")
	f.Add("X\x00", -1.5e-7, "\xff", "\t\r")
	f.Fuzz(func(t *testing.T, code string, value float64, level, comment string) {
		if math.IsNaN(value) || math.IsInf(value, 0) {
			return // storage refuses non-finite values before a sheet is written
		}
		in := []sheetItem{{code: code, value: value, level: level, comment: comment}, {code: "D02", value: 1}}
		out, err := decodeSheet(appendSheet(nil, in))
		if err != nil || len(out) != 2 {
			t.Fatalf("round trip: %v %+v", err, out)
		}
		// Invalid UTF-8 is stored as U+FFFD; everything else exactly.
		if out[0].value != value || out[1] != in[1] {
			t.Fatalf("round trip changed %+v into %+v", in, out)
		}
		if validUTF8(code) && validUTF8(level) && validUTF8(comment) && (out[0].code != code || out[0].level != level || out[0].comment != comment) {
			t.Fatalf("round trip changed %+v into %+v", in[0], out[0])
		}
	})
}

func validUTF8(s string) bool { return utf8.ValidString(s) }

// replaceInvalid is what the encoder makes of a string: each byte that is
// not valid UTF-8 becomes U+FFFD.
func replaceInvalid(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
