package idcheck

import "strings"

// clean trims ordinary and ideographic spaces and folds full-width ASCII
// (０-９, Ｘ, －, ＋ …) to half-width: numbers pasted from Chinese documents or
// typed with a Chinese IME often arrive in full-width form.
func clean(s string) string {
	s = strings.TrimSpace(strings.Trim(s, " \t\r\n\u3000\u00a0"))
	needs := false
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E || r == 0x3000 {
			needs = true
			break
		}
	}
	if !needs {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteRune(r - 0xFEE0)
		case r == 0x3000:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}
