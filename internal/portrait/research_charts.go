package portrait

import (
	"slices"

	"zhijiao/internal/research"
)

// TeachingAwardGrid is the table of teaching achievement awards by level
// × prize, every level and prize of the vocabulary in order.
func TeachingAwardGrid(os []ResearchOutput, p Period) Table {
	counts, _, _ := TeachingAwardTable(os, p)
	t := Table{Title: "教学成果奖（级别 × 等级）", Rows: research.Levels, Columns: research.Prizes}
	for _, l := range research.Levels {
		row := make([]float64, len(research.Prizes))
		for j, g := range research.Prizes {
			row[j] = float64(counts[l][g])
		}
		t.Cells = append(t.Cells, row)
	}
	return t
}

// ResearchByKind is the table of the block's counts side by side: teaching
// awards, projects approved and concluded, papers, patents, textbooks.
func ResearchByKind(os []ResearchOutput, p Period) Table {
	t := Table{Title: "教改创新成果（按类别）", Columns: []string{"数量"}}
	for _, k := range Research(os, p) {
		t.Rows = append(t.Rows, k.Name)
		t.Cells = append(t.Cells, []float64{float64(*k.Count)})
	}
	return t
}

// PointsTrend is a line of a teacher's 科研考核 points term by term.
func PointsTrend(title string, terms []string, points []float64) Chart {
	c := base(title)
	c["grid"] = map[string]any{"left": 10, "right": 20, "bottom": 50, "containLabel": true}
	c["xAxis"] = map[string]any{"type": "category", "data": terms, "axisLabel": map[string]any{"interval": 0}}
	c["yAxis"] = map[string]any{"type": "value"}
	c["series"] = []any{map[string]any{"type": "line", "name": "积分", "data": points, "label": map[string]any{"show": true}}}
	return c
}

// OutputsByYear counts outputs by the year of their date (rows) and kind
// (columns, in research.Kinds order, only those present).
func OutputsByYear(title string, kinds, dates []string) Table {
	by := map[string]map[string]float64{}
	present := map[string]bool{}
	for i, k := range kinds {
		if len(dates[i]) < 4 {
			continue
		}
		y := dates[i][:4]
		if by[y] == nil {
			by[y] = map[string]float64{}
		}
		by[y][k]++
		present[k] = true
	}
	t := Table{Title: title}
	var keys []string
	for _, k := range research.Kinds {
		if present[string(k)] {
			keys = append(keys, string(k))
			t.Columns = append(t.Columns, k.Name())
		}
	}
	for y := range by {
		t.Rows = append(t.Rows, y)
	}
	slices.Sort(t.Rows)
	for _, y := range t.Rows {
		row := make([]float64, len(keys))
		for j, k := range keys {
			row[j] = by[y][k]
		}
		t.Cells = append(t.Cells, row)
	}
	return t
}

// OutputsChart stacks a teacher's outputs by year and kind, the legend in
// one scrolling line under the bars: on a phone a legend of six kinds
// would otherwise wrap onto the axis.
func OutputsChart(t Table) Chart {
	c := StackedBars(t)
	c["legend"] = map[string]any{"bottom": 0, "type": "scroll"}
	return c
}
