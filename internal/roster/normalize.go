package roster

import (
	"strings"
	"unicode"
)

// cleanCell trims what spreadsheets leave around values: ordinary,
// no-break and ideographic spaces, zero-width characters, the ="…"
// wrapper that CSV exports use to keep long digit strings as text, and the
// apostrophe csvCell puts before a leading = + - @.
func cleanCell(s string) string {
	if s == "" {
		return s
	}
	s = strings.TrimFunc(s, isJunk)
	if len(s) >= 3 && s[0] == '=' && s[1] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimFunc(s[2:len(s)-1], isJunk)
	} else if len(s) >= 2 && s[0] == '\'' && strings.IndexByte("=+-@", s[1]) >= 0 {
		s = s[1:] // our CSV export's guard against formula injection
	}
	return s
}

func isJunk(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u3000'
}

// fold maps full-width ASCII to half-width ("２０２４" → "2024") and the
// ideographic space to a plain one: values typed with a Chinese IME often
// arrive full-width. Strings without such characters, by far the common
// case, are returned without allocating.
func fold(s string) string {
	i := strings.IndexFunc(s, isFullWidth)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r == '\u3000':
			b.WriteByte(' ')
		case isFullWidth(r):
			b.WriteRune(r - 0xFEE0)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fold is fold for other readers of typed cells (the offline rating
// workbook).
func Fold(s string) string { return fold(s) }

func isFullWidth(r rune) bool { return r >= 0xFF01 && r <= 0xFF5E || r == '\u3000' }

// normHeader reduces a header to the form aliases are compared in:
// half-width, no spaces, no required-markers ("*学号", "学号★") and no
// bracketed hints ("学号(必填)", "出生日期【如2008-03-01】").
func normHeader(s string) string {
	s = fold(cleanCell(s))
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[' || r == '【' || r == '〔' || r == '<' || r == '《' || r == '{':
			depth++
		case r == ')' || r == ']' || r == '】' || r == '〕' || r == '>' || r == '》' || r == '}':
			if depth > 0 {
				depth--
			}
		case depth > 0, isJunk(r), r == '*', r == '★', r == '※', r == ':', r == '：':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// normKey is how names from a file are matched against Lookups: trimmed,
// half-width, without inner spaces, case-insensitive.
func normKey(s string) string {
	s = fold(cleanCell(s))
	if strings.IndexFunc(s, func(r rune) bool { return isJunk(r) || unicode.IsUpper(r) }) < 0 {
		return s
	}
	return strings.ToLower(strings.Map(func(r rune) rune {
		if isJunk(r) {
			return -1
		}
		return r
	}, s))
}
