package storage

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// The items of a rating sheet (rating_sheets.items) are a JSON array with
// one array per indicator:
//
//	[["D01",86],["D02",4],["Z01",0,"良好"],["X01",90,"","本学期进步很大"]]
//
// code and value always; level, then comment, only when not empty (a
// trailing empty one is left off). JSON because both engines can take it
// apart in SQL (json_each on SQLite, json_array_elements on PostgreSQL) —
// the benchmark's floor does exactly that, and an administrator can read
// a sheet with plain SQL. The reader below is a small scanner for this one
// shape, not a general JSON decoder: it accepts any spacing and escapes
// (PostgreSQL's json_agg, which the migration used, writes spaces), and it
// allocates nothing per item on the engine's path (codes and levels are
// interned, comments skipped).

// sheetItem is one indicator of a sheet.
type sheetItem struct {
	code, level, comment string
	value                float64
}

// appendSheet encodes items.
func appendSheet(b []byte, items []sheetItem) []byte {
	b = append(b, '[')
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, it.code)
		b = append(b, ',')
		b = strconv.AppendFloat(b, it.value, 'g', -1, 64)
		if it.level != "" || it.comment != "" {
			b = append(b, ',')
			b = appendJSONString(b, it.level)
		}
		if it.comment != "" {
			b = append(b, ',')
			b = appendJSONString(b, it.comment)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// appendJSONString writes s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced, everything else as
// is (Chinese stays readable).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

var errSheet = errors.New("评分表数据格式错误")

// sheetScanner reads the items of one encoded sheet in order.
type sheetScanner struct {
	b   []byte
	pos int
	n   int // items read
	err error
}

func (sc *sheetScanner) ws() {
	for sc.pos < len(sc.b) {
		switch sc.b[sc.pos] {
		case ' ', '\n', '\r', '\t':
			sc.pos++
		default:
			return
		}
	}
}

// eat consumes c after optional spaces.
func (sc *sheetScanner) eat(c byte) bool {
	sc.ws()
	if sc.pos < len(sc.b) && sc.b[sc.pos] == c {
		sc.pos++
		return true
	}
	return false
}

// start reads the opening bracket of the array.
func (sc *sheetScanner) start(b []byte) bool {
	sc.b, sc.pos, sc.n, sc.err = b, 0, 0, nil
	if !sc.eat('[') {
		sc.err = errSheet
		return false
	}
	return true
}

// next reads one item: raw code, value, raw level and raw comment (the
// raw forms are the JSON strings' bytes without quotes, still escaped;
// esc says which of them contain a backslash). It returns false at the
// end of the array or on an error (sc.err).
func (sc *sheetScanner) next() (code []byte, value float64, level, comment []byte, esc [3]bool, ok bool) {
	if sc.err != nil {
		return
	}
	if sc.eat(']') {
		return
	}
	if sc.n > 0 && !sc.eat(',') {
		sc.err = errSheet
		return
	}
	sc.n++
	if !sc.eat('[') {
		sc.err = errSheet
		return
	}
	if code, esc[0], ok = sc.str(); !ok {
		return
	}
	ok = false
	if !sc.eat(',') {
		sc.err = errSheet
		return
	}
	sc.ws()
	from := sc.pos
	for sc.pos < len(sc.b) && (sc.b[sc.pos] == '-' || sc.b[sc.pos] == '+' || sc.b[sc.pos] == '.' || sc.b[sc.pos] == 'e' || sc.b[sc.pos] == 'E' || (sc.b[sc.pos] >= '0' && sc.b[sc.pos] <= '9')) {
		sc.pos++
	}
	value, sc.err = parseNumber(sc.b[from:sc.pos])
	if sc.err != nil {
		return
	}
	for k := 1; k <= 2 && sc.eat(','); k++ {
		s, e, good := sc.str()
		if !good {
			return
		}
		if k == 1 {
			level, esc[1] = s, e
		} else {
			comment, esc[2] = s, e
		}
	}
	if !sc.eat(']') {
		sc.err = errSheet
		return
	}
	return code, value, level, comment, esc, true
}

// parseNumber parses small integers without strconv (most values are
// whole points) and anything else with it.
func parseNumber(b []byte) (float64, error) {
	if len(b) > 0 && len(b) < 10 {
		n := 0
		whole := true
		for _, c := range b {
			if c < '0' || c > '9' {
				whole = false
				break
			}
			n = n*10 + int(c-'0')
		}
		if whole {
			return float64(n), nil
		}
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return 0, errSheet
	}
	return v, nil
}

// str reads a JSON string and returns its bytes between the quotes.
func (sc *sheetScanner) str() (raw []byte, escaped, ok bool) {
	if !sc.eat('"') {
		sc.err = errSheet
		return nil, false, false
	}
	from := sc.pos
	for sc.pos < len(sc.b) {
		switch sc.b[sc.pos] {
		case '"':
			raw = sc.b[from:sc.pos]
			sc.pos++
			return raw, escaped, true
		case '\\':
			escaped = true
			sc.pos += 2
		default:
			sc.pos++
		}
	}
	sc.err = errSheet
	return nil, false, false
}

// unescape decodes the inside of a JSON string that contains escapes.
func unescape(raw []byte) string {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			out = append(out, c)
			continue
		}
		i++
		switch raw[i] {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'u':
			r, n := hexRune(raw[i+1:])
			i += n
			if r >= 0xd800 && r < 0xdc00 && i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
				if lo, m := hexRune(raw[i+3:]); lo >= 0xdc00 && lo < 0xe000 {
					r = (r-0xd800)<<10 + (lo - 0xdc00) + 0x10000
					i += 2 + m
				}
			}
			out = utf8.AppendRune(out, r)
		default: // \" \\ \/
			out = append(out, raw[i])
		}
	}
	return string(out)
}

func hexRune(b []byte) (rune, int) {
	if len(b) < 4 {
		return utf8.RuneError, len(b)
	}
	v, err := strconv.ParseUint(string(b[:4]), 16, 32)
	if err != nil {
		return utf8.RuneError, 4
	}
	return rune(v), 4
}

// decodeSheet reads every item of an encoded sheet, comments included.
func decodeSheet(b []byte) ([]sheetItem, error) {
	var sc sheetScanner
	if !sc.start(b) {
		return nil, sc.err
	}
	var out []sheetItem
	for {
		code, v, level, comment, esc, ok := sc.next()
		if !ok {
			break
		}
		out = append(out, sheetItem{code: text(code, esc[0]), value: v, level: text(level, esc[1]), comment: text(comment, esc[2])})
	}
	return out, sc.err
}

func text(raw []byte, escaped bool) string {
	if escaped {
		return unescape(raw)
	}
	return string(raw)
}

// text is the package's text through the interner: one shared string
// per distinct value of a column (codes, levels).
func (in interner) text(raw []byte, escaped bool) string {
	if escaped {
		return in.get([]byte(unescape(raw)))
	}
	return in.get(raw)
}
