package roster

import (
	"bufio"
	"bytes"
	"io"
)

// sheetInfo is what excelize's streaming reader does not tell us, gathered
// in one cheap pass over the worksheet XML before the real read.
type sheetInfo struct {
	// merges are the merged areas (<mergeCell ref>). excelize's
	// GetMergeCells would parse the whole sheet into memory instead.
	merges []cellRange
	// noCache holds formula cells without a cached result: excelize
	// returns "" for them, indistinguishable from an empty cell.
	noCache map[cellKey]bool
	// valueRows counts rows holding at least one non-empty value, so an
	// oversized file is refused before excelize reads a single row.
	valueRows int
}

// scanSheet tokenises the sheet XML just enough to fill sheetInfo. It is
// not a general XML parser: it looks at tag names and two attributes,
// which is all the worksheet schema needs, and runs many times faster than
// encoding/xml. It stops once more than stopAfter value rows were seen.
func scanSheet(r io.Reader, stopAfter int) (*sheetInfo, error) {
	sc := sheetScan{info: &sheetInfo{}}
	br := bufio.NewReaderSize(r, 64<<10)
	var big []byte
	for {
		tag, err := nextTag(br, &big)
		if err == io.EOF {
			return sc.info, nil
		}
		if err != nil {
			return nil, err
		}
		closing := len(tag) > 0 && tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		selfClose := len(tag) >= 2 && tag[len(tag)-2] == '/'
		if sc.element(tag, closing, selfClose, br, stopAfter) {
			return sc.info, nil
		}
	}
}

// nextTag skips to the next '<' and returns the tag's body up to and
// including '>'; a tag longer than the reader's buffer is gathered in big.
func nextTag(br *bufio.Reader, big *[]byte) ([]byte, error) {
	for {
		_, err := br.ReadSlice('<')
		if err == nil {
			break
		}
		if err != bufio.ErrBufferFull {
			return nil, err
		}
	}
	tag, err := br.ReadSlice('>')
	if err == bufio.ErrBufferFull {
		*big = append((*big)[:0], tag...)
		for err == bufio.ErrBufferFull {
			tag, err = br.ReadSlice('>')
			*big = append(*big, tag...)
		}
		tag = *big
	}
	return tag, err
}

// sheetScan is scanSheet's position: the current row and column, and
// what the current cell and row have held so far.
type sheetScan struct {
	info                            *sheetInfo
	row, col                        int
	inCell, hasF, hasV, rowHasValue bool
}

// element takes one tag into account; true means stop (more than
// stopAfter value rows).
func (sc *sheetScan) element(tag []byte, closing, selfClose bool, br *bufio.Reader, stopAfter int) bool {
	switch string(tagName(tag)) {
	case "row":
		if closing {
			if sc.rowHasValue {
				sc.info.valueRows++
				if sc.info.valueRows > stopAfter {
					return true
				}
			}
			return false
		}
		if n, ok := atoiAttr(tag, "r"); ok {
			sc.row = n
		} else {
			sc.row++
		}
		sc.col, sc.rowHasValue = 0, false
		if selfClose {
			return false
		}
	case "c":
		if closing {
			if sc.inCell && sc.hasF && !sc.hasV {
				if sc.info.noCache == nil {
					sc.info.noCache = map[cellKey]bool{}
				}
				sc.info.noCache[keyOf(sc.row, sc.col)] = true
			}
			sc.inCell = false
			return false
		}
		if c, _, ok := parseRef(string(attr(tag, "r"))); ok {
			sc.col = c
		} else {
			sc.col++
		}
		sc.inCell, sc.hasF, sc.hasV = !selfClose, false, false
	case "f":
		if !closing {
			sc.hasF = true
		}
	case "v":
		if !closing {
			sc.hasV = true
			if !selfClose {
				if next, _ := br.Peek(1); len(next) == 1 && next[0] != '<' {
					sc.rowHasValue = true
				}
			}
		}
	case "is":
		if !closing {
			sc.hasV, sc.rowHasValue = true, true
		}
	case "mergeCell":
		if !closing {
			if m, ok := parseRange(string(attr(tag, "ref"))); ok {
				sc.info.merges = append(sc.info.merges, m)
			}
		}
	}
	return false
}

// tagName returns the local name of a tag body such as `x:c r="A1">`.
func tagName(tag []byte) []byte {
	end := bytes.IndexAny(tag, " \t\r\n/>")
	if end < 0 {
		end = len(tag)
	}
	name := tag[:end]
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// attr finds name="value" (or single quotes) in a tag body.
func attr(tag []byte, name string) []byte {
	for i := 0; i < len(tag); {
		j := bytes.Index(tag[i:], []byte(name))
		if j < 0 {
			return nil
		}
		j += i
		k := j + len(name)
		if j > 0 && isSpaceByte(tag[j-1]) && k+1 < len(tag) && tag[k] == '=' && (tag[k+1] == '"' || tag[k+1] == '\'') {
			q := tag[k+1]
			end := bytes.IndexByte(tag[k+2:], q)
			if end < 0 {
				return nil
			}
			return tag[k+2 : k+2+end]
		}
		i = k
	}
	return nil
}

func atoiAttr(tag []byte, name string) (int, bool) {
	v := attr(tag, name)
	if len(v) == 0 || len(v) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
