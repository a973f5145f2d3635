package roster

import "strings"

// cellKey packs a 1-based row and column into one map key.
type cellKey uint64

func keyOf(row, col int) cellKey { return cellKey(row)<<20 | cellKey(col) }

// parseRef splits "AB12" into column 28 and row 12.
func parseRef(s string) (col, row int, ok bool) {
	i := 0
	for ; i < len(s); i++ {
		c := s[i] | 0x20 // lower-case letters
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	if i == 0 || i == len(s) || i > 3 {
		return 0, 0, false
	}
	for _, c := range []byte(s[i:]) {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
		if row > 1<<30 {
			return 0, 0, false
		}
	}
	return col, row, row > 0
}

// colLetters turns column 28 into "AB".
func colLetters(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

// cellRange is a merged area such as A1:C1.
type cellRange struct {
	Ref        string
	Row1, Row2 int
	Col1, Col2 int
}

func parseRange(ref string) (cellRange, bool) {
	a, b, found := strings.Cut(ref, ":")
	if !found {
		b = a
	}
	c1, r1, ok1 := parseRef(a)
	c2, r2, ok2 := parseRef(b)
	if !ok1 || !ok2 {
		return cellRange{}, false
	}
	return cellRange{Ref: ref, Row1: min(r1, r2), Row2: max(r1, r2), Col1: min(c1, c2), Col2: max(c1, c2)}, true
}
