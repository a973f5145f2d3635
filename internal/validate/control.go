package validate

import (
	"unicode/utf8"
)

// ControlReason is the Chinese message for text with a control character.
const ControlReason = "不能包含控制字符（如 NUL）或无效的字符编码"

// Control checks text input for characters no field may hold: C0 and C1
// control characters except tab, newline and carriage return (which
// multi-line fields use), DEL, and bytes that are not UTF-8. PostgreSQL
// refuses NUL in text (the answer was a 500), SQLite stores it, and either
// way they break exports and pages. It is the one check behind the pages'
// middleware, the API's decoder and the importer; it returns the reason,
// or "" when the text is fine.
func Control(s string) string {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return ControlReason
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r < 0xa0 {
			return ControlReason
		}
		i += n
	}
	return ""
}
