package roster

import (
	"fmt"
	"strings"
)

// headerMap is the result of matching a header row to a column set.
type headerMap struct {
	index  []int    // index[i] = cell position of columns[i], -1 if absent
	unused []string // headers that matched nothing
	known  int      // how many columns matched
}

// aliasIndex maps every normalised name and alias to its column position.
func aliasIndex(cols []column) map[string]int {
	m := make(map[string]int)
	for i, c := range cols {
		m[normHeader(c.Name)] = i
		for _, a := range c.Aliases {
			m[normHeader(a)] = i
		}
	}
	return m
}

// matchHeader maps the header cells onto cols. Two cells naming the same
// column is an error: silently picking one would import the wrong data.
func matchHeader(cells []string, cols []column, aliases map[string]int) (headerMap, error) {
	h := headerMap{index: make([]int, len(cols))}
	for i := range h.index {
		h.index[i] = -1
	}
	for pos, cell := range cells {
		raw := cleanCell(cell)
		if raw == "" {
			continue
		}
		ci, ok := aliases[normHeader(raw)]
		if !ok {
			h.unused = append(h.unused, raw)
			continue
		}
		if prev := h.index[ci]; prev >= 0 {
			return h, fmt.Errorf("表头中「%s」和「%s」都表示「%s」，请删除其中一列后再导入",
				cleanCell(cells[prev]), raw, cols[ci].Name)
		}
		h.index[ci] = pos
		h.known++
	}
	return h, nil
}

// missing lists the required columns the header lacks.
func (h headerMap) missing(cols []column) []string {
	var out []string
	for i, c := range cols {
		if c.Required && h.index[i] < 0 {
			out = append(out, "「"+c.Name+"」")
		}
	}
	return out
}

func missingError(names []string) error {
	return fmt.Errorf("表格缺少必填列%s；请检查第一行表头，或下载导入模板对照填写", strings.Join(names, "、"))
}
