package portrait

import "math"

// Series is one named line or set of bars; NaN marks a missing value
// (a cycle in which the student had no score on a dimension), drawn as a
// gap rather than as 0.
type Series struct {
	Name   string    `json:"name"`
	Values []float64 `json:"values"`
}

func seriesData(v []float64) []any {
	out := make([]any, len(v))
	for i, x := range v {
		if !math.IsNaN(x) {
			out[i] = x
		}
	}
	return out
}

func categoryAxis(x []string) map[string]any {
	return map[string]any{"type": "category", "data": x, "axisLabel": map[string]any{"interval": 0, "rotate": 20, "width": 90, "overflow": "truncate"}}
}

// Lines shows several series across the same categories (terms), the
// first drawn bold: growth of the total and of every dimension.
func Lines(title string, x []string, series []Series) Chart {
	c := base(title)
	names := make([]string, len(series))
	out := make([]any, len(series))
	for i, s := range series {
		names[i] = s.Name
		line := map[string]any{"type": "line", "name": s.Name, "data": seriesData(s.Values), "connectNulls": false}
		if i == 0 {
			line["lineStyle"] = map[string]any{"width": 3}
			line["label"] = map[string]any{"show": true}
		}
		out[i] = line
	}
	c["legend"] = map[string]any{"bottom": 0, "type": "scroll", "data": names}
	c["tooltip"] = map[string]any{"trigger": "axis"}
	c["grid"] = map[string]any{"left": 10, "right": 20, "top": 40, "bottom": 70, "containLabel": true}
	c["xAxis"] = categoryAxis(x)
	c["yAxis"] = map[string]any{"type": "value", "min": 0, "max": 100}
	c["series"] = out
	return c
}

// GroupedBars shows several series of bars side by side per category,
// such as this cycle's and the previous cycle's dimension means. yMax 0
// lets the axis fit the data.
func GroupedBars(title string, x []string, series []Series, yMax float64) Chart {
	c := base(title)
	names := make([]string, len(series))
	out := make([]any, len(series))
	for i, s := range series {
		names[i] = s.Name
		out[i] = map[string]any{"type": "bar", "name": s.Name, "data": seriesData(s.Values),
			"label": map[string]any{"show": len(series) == 1, "position": "top"}}
	}
	c["legend"] = map[string]any{"bottom": 0, "data": names}
	c["tooltip"] = map[string]any{"trigger": "axis"}
	c["grid"] = map[string]any{"left": 10, "right": 20, "top": 40, "bottom": 70, "containLabel": true}
	c["xAxis"] = categoryAxis(x)
	y := map[string]any{"type": "value"}
	if yMax > 0 {
		y["max"] = yMax
		y["min"] = 0
	}
	c["yAxis"] = y
	c["series"] = out
	return c
}
