package portrait

import "slices"

// Charts of the 数据画像. Each chart is built from a Table, and the page
// prints the same Table beside it, so the chart and the numbers a reader
// can copy never disagree.

// Table is a small grid of counts: rows × columns, with row and column
// names as the page shows them.
type Table struct {
	Title   string      `json:"title"`
	Rows    []string    `json:"rows"`
	Columns []string    `json:"columns"`
	Cells   [][]float64 `json:"cells"` // [row][column]
}

// RowTotal is the sum of one row.
func (t Table) RowTotal(i int) float64 {
	s := 0.0
	for _, v := range t.Cells[i] {
		s += v
	}
	return s
}

// AwardGrid is the level × prize grid of an award table.
func AwardGrid(title string, t AwardTable) Table {
	g := Table{Title: title, Rows: t.Levels, Columns: t.Prizes}
	for _, l := range levelKeys(t) {
		row := make([]float64, len(t.Prizes))
		for j, p := range t.Prizes {
			row[j] = float64(t.Count(l, p))
		}
		g.Cells = append(g.Cells, row)
	}
	return g
}

// levelKeys are the model's level names in the order of t.Levels (whose
// labels may say 市级 for 省级).
func levelKeys(t AwardTable) []string {
	keys := make([]string, 0, len(t.Counts))
	for _, l := range []string{"国家级", "省级", "地市级", "区县级", "校级"} {
		if _, ok := t.Counts[l]; ok {
			keys = append(keys, l)
		}
	}
	return keys
}

// DestinationShares counts the first-survey destinations of the period by
// kind, in the order of DestinationKinds.
func DestinationShares(ds []Destination, p Period) Table {
	t := Table{Title: "毕业去向（首次调查）", Columns: []string{"人数"}}
	n := map[string]float64{}
	for _, d := range ds {
		if d.First && p.Contains(d.SurveyDate) {
			n[d.Kind] += float64(weight(d.N))
		}
	}
	for _, k := range DestinationKinds {
		t.Rows = append(t.Rows, DestinationNames[k])
		t.Cells = append(t.Cells, []float64{n[k]})
	}
	return t
}

// DestinationKinds lists the kinds in display order.
var DestinationKinds = []string{DestEmployed, DestSelfEmployed, DestEnlisted, DestFurtherStudy, DestNotEmployed}

// SatisfactionNames are the five answers, 1 to 5.
var SatisfactionNames = []string{"很不满意", "不满意", "一般", "满意", "很满意"}

// SatisfactionSpread counts the overall answers of the period by score.
func SatisfactionSpread(ans []SurveyAnswer, p Period) Table {
	t := Table{Title: "用人单位总体满意度分布", Rows: SatisfactionNames, Columns: []string{"份数"}}
	c := make([]float64, 5)
	for _, a := range ans {
		if p.Contains(a.Date) && a.Score >= 1 && a.Score <= 5 {
			c[a.Score-1] += float64(weight(a.N))
		}
	}
	for _, v := range c {
		t.Cells = append(t.Cells, []float64{v})
	}
	return t
}

// TrainingByMonth sums the person-times of sessions by the month they
// started (YYYY-MM), oldest first.
func TrainingByMonth(ss []TrainingSession, p Period) Table {
	t := Table{Title: "社会培训人次（按开班月份）", Columns: []string{"人次"}}
	by := map[string]float64{}
	for _, s := range ss {
		if p.Contains(s.From) && s.Trainees > 0 && len(s.From) >= 7 {
			by[s.From[:7]] += float64(s.Trainees)
		}
	}
	for m := range by {
		t.Rows = append(t.Rows, m)
	}
	slices.Sort(t.Rows)
	for _, m := range t.Rows {
		t.Cells = append(t.Cells, []float64{by[m]})
	}
	return t
}

// Column is one column of a table, for Bars and Shares.
func (t Table) Column(j int) []float64 {
	out := make([]float64, len(t.Rows))
	for i := range t.Rows {
		out[i] = t.Cells[i][j]
	}
	return out
}

// StackedBars shows a grid as bars of the rows, stacked by column (awards:
// one bar per level, stacked by prize).
func StackedBars(t Table) Chart {
	c := base(t.Title)
	c["legend"] = map[string]any{"bottom": 0}
	c["grid"] = map[string]any{"left": 10, "right": 10, "bottom": 40, "containLabel": true}
	c["xAxis"] = map[string]any{"type": "category", "data": t.Rows}
	c["yAxis"] = map[string]any{"type": "value", "minInterval": 1}
	var series []any
	for j, col := range t.Columns {
		series = append(series, map[string]any{"type": "bar", "name": col, "stack": "all", "data": t.Column(j)})
	}
	c["series"] = series
	return c
}

// RankBars shows one figure per name as horizontal bars, for many schools
// side by side (names stay readable on a phone, where vertical bars of a
// hundred schools would not). Missing values (无数据) are left out.
func RankBars(title string, names []string, values []*float64) Chart {
	var ns []string
	var vs []float64
	for i := len(names) - 1; i >= 0; i-- { // ECharts draws the first category at the bottom
		if values[i] != nil {
			ns = append(ns, names[i])
			vs = append(vs, *values[i])
		}
	}
	c := base(title)
	c["grid"] = map[string]any{"left": 10, "right": 40, "top": 40, "bottom": 10, "containLabel": true}
	c["yAxis"] = map[string]any{"type": "category", "data": ns, "axisLabel": map[string]any{"width": 110, "overflow": "break"}}
	c["xAxis"] = map[string]any{"type": "value"}
	c["series"] = []any{map[string]any{"type": "bar", "data": vs, "barMaxWidth": 28, "label": map[string]any{"show": true, "position": "right"}}}
	return c
}

// Donut shows the first column of a table as parts of a whole. Empty parts
// are left out of the ring (the table beside it still lists them) and the
// percentages sit inside it, so a phone does not cut outside labels short.
func Donut(t Table) Chart {
	var data []map[string]any
	for i, name := range t.Rows {
		if v := t.Cells[i][0]; v > 0 {
			data = append(data, map[string]any{"name": name, "value": v})
		}
	}
	c := base(t.Title)
	c["legend"] = map[string]any{"bottom": 0}
	c["series"] = []any{map[string]any{"type": "pie", "radius": []string{"32%", "62%"}, "center": []string{"50%", "52%"}, "data": data,
		"label": map[string]any{"position": "inside", "formatter": "{d}%", "color": "#fff", "fontWeight": "bold"}}}
	return c
}

// CountBars shows the first column of a table as bars of whole numbers.
func CountBars(t Table) Chart {
	c := Bars(t.Title, t.Rows, t.Column(0))
	c["yAxis"] = map[string]any{"type": "value", "minInterval": 1}
	return c
}
