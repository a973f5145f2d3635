package roster

import (
	"strings"

	"zhijiao/internal/validate"
)

// excelErrors are the values Excel caches for a failed formula.
var excelErrors = map[string]bool{"#N/A": true, "#VALUE!": true, "#REF!": true, "#DIV/0!": true,
	"#NUM!": true, "#NAME?": true, "#NULL!": true, "#SPILL!": true, "#CALC!": true, "#GETTING_DATA": true}

// sheetCtx is the per-file state every row sees.
type sheetCtx struct {
	cols     []column
	pos      map[string]int // canonical column name → index in cols
	h        headerMap
	scan     *sheetInfo
	date1904 bool
}

// rowCtx reads and reports on one data row. Column-level failures are
// remembered so a cell with an unusable formula is not also "empty".
type rowCtx struct {
	*sheetCtx
	row    int
	cells  []string
	errs   []RowError
	failed []string
}

// get returns the cleaned cell of a column, or "" when the column is
// absent. Formula cells without a result and Excel error values are
// reported here, once, for every column alike.
func (c *rowCtx) get(name string) string {
	p := c.h.index[c.pos[name]]
	if p < 0 || p >= len(c.cells) {
		return c.noResult(name, p)
	}
	v := cleanCell(c.cells[p])
	if v == "" {
		return c.noResult(name, p)
	}
	if v[0] == '#' && excelErrors[strings.ToUpper(v)] {
		c.fail(name, v, "单元格公式计算出错（"+v+"），请修正公式或粘贴为数值")
		return ""
	}
	if r := validate.Control(v); r != "" {
		c.fail(name, "", r)
		return ""
	}
	return v
}

func (c *rowCtx) noResult(name string, p int) string {
	if p >= 0 && c.scan != nil && c.scan.noCache[keyOf(c.row, p+1)] {
		c.fail(name, "", "单元格含公式但没有计算结果，请粘贴为数值")
	}
	return ""
}

// required is get plus the "must not be empty" rule.
func (c *rowCtx) required(name string) string {
	v := c.get(name)
	if v == "" && !c.hasFailed(name) {
		c.fail(name, "", "不能为空")
	}
	return v
}

func (c *rowCtx) fail(name, value, reason string) {
	c.errs = append(c.errs, RowError{Row: c.row, Column: name, Value: value, Reason: reason})
	c.failed = append(c.failed, name)
}

func (c *rowCtx) hasFailed(name string) bool {
	for _, f := range c.failed {
		if f == name {
			return true
		}
	}
	return false
}

// lookupIndex normalises a caller's name → id map once per file.
func lookupIndex(m map[string]int64) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[normKey(k)] = v
	}
	return out
}

// seen detects duplicates within one file, remembering the first row.
type seen map[string]int

// dup records key at row and returns the earlier row holding it, or 0.
func (s seen) dup(key string, row int) int {
	if prev, ok := s[key]; ok {
		return prev
	}
	s[key] = row
	return 0
}
