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
	info := &sheetInfo{}
	br := bufio.NewReaderSize(r, 64<<10)
	var big []byte
	row, col := 0, 0
	inCell, hasF, hasV, rowHasValue := false, false, false, false
	for {
		if _, err := br.ReadSlice('<'); err != nil {
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				return info, nil
			}
			return nil, err
		}
		tag, err := br.ReadSlice('>')
		if err == bufio.ErrBufferFull {
			big = append(big[:0], tag...)
			for err == bufio.ErrBufferFull {
				tag, err = br.ReadSlice('>')
				big = append(big, tag...)
			}
			tag = big
		}
		if err != nil {
			if err == io.EOF {
				return info, nil
			}
			return nil, err
		}
		closing := len(tag) > 0 && tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		selfClose := len(tag) >= 2 && tag[len(tag)-2] == '/'
		switch string(tagName(tag)) {
		case "row":
			if closing {
				if rowHasValue {
					info.valueRows++
					if info.valueRows > stopAfter {
						return info, nil
					}
				}
				continue
			}
			if n, ok := atoiAttr(tag, "r"); ok {
				row = n
			} else {
				row++
			}
			col, rowHasValue = 0, false
			if selfClose {
				continue
			}
		case "c":
			if closing {
				if inCell && hasF && !hasV {
					if info.noCache == nil {
						info.noCache = map[cellKey]bool{}
					}
					info.noCache[keyOf(row, col)] = true
				}
				inCell = false
				continue
			}
			if c, _, ok := parseRef(string(attr(tag, "r"))); ok {
				col = c
			} else {
				col++
			}
			inCell, hasF, hasV = !selfClose, false, false
		case "f":
			if !closing {
				hasF = true
			}
		case "v":
			if !closing {
				hasV = true
				if !selfClose {
					if next, _ := br.Peek(1); len(next) == 1 && next[0] != '<' {
						rowHasValue = true
					}
				}
			}
		case "is":
			if !closing {
				hasV, rowHasValue = true, true
			}
		case "mergeCell":
			if !closing {
				if m, ok := parseRange(string(attr(tag, "ref"))); ok {
					info.merges = append(info.merges, m)
				}
			}
		}
	}
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
