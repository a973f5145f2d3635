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
	// Long names (terms, "2025-2026学年第二学期") wrap instead of being cut.
	return map[string]any{"type": "category", "data": x, "axisLabel": map[string]any{"interval": 0, "width": 80, "overflow": "break", "hideOverlap": true}}
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
	// Scaled to the data (not from 0): a change of three points between
	// terms is what a student looks for.
	c["yAxis"] = map[string]any{"type": "value", "max": 100, "scale": true}
	// One colour per series: the total and seven dimensions outnumber the
	// base palette.
	c["color"] = append(append([]string(nil), palette...), "#be185d", "#4d7c0f", "#78716c", "#0369a1")
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

// Counts shows how many fall in each band (a histogram): whole numbers
// on the axis and the band names slanted so eleven fit on a phone.
func Counts(title string, x []string, counts []float64) Chart {
	c := GroupedBars(title, x, []Series{{Name: "人数", Values: counts}}, 0)
	c["yAxis"].(map[string]any)["minInterval"] = 1
	c["xAxis"].(map[string]any)["axisLabel"] = map[string]any{"interval": 0, "rotate": 45}
	c["legend"] = map[string]any{"show": false}
	c["grid"] = map[string]any{"left": 10, "right": 20, "top": 30, "bottom": 10, "containLabel": true}
	return c
}

// Ring shows parts of a whole as a ring with the percentages beside it and
// the names in the legend (names beside the slices do not fit on a
// phone). Empty parts are left out of the ring; the table keeps them.
func Ring(title string, names []string, values []float64) Chart {
	var data []map[string]any
	for i := range names {
		if values[i] > 0 {
			// Each part keeps its colour whichever others are empty.
			data = append(data, map[string]any{"name": names[i], "value": values[i], "itemStyle": map[string]any{"color": palette[i%len(palette)]}})
		}
	}
	c := base(title)
	c["legend"] = map[string]any{"bottom": 0, "data": names}
	c["series"] = []any{map[string]any{"type": "pie", "radius": []string{"35%", "60%"}, "data": data,
		"label": map[string]any{"formatter": "{d}%", "overflow": "none"}}}
	return c
}
