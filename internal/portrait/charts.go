package portrait

// Chart options for Apache ECharts, built on the server as plain values
// and sent as JSON (the page's charts.js only hands them to echarts.init).
// Keeping them here means the numbers in a chart and in the table beside
// it come from the same place, and the options are tested without a
// browser.

// Chart is an ECharts option object.
type Chart map[string]any

var palette = []string{"#1d5fbf", "#f59e0b", "#1f7a4d", "#b42318", "#7c3aed", "#0e7490"}

func base(title string) Chart {
	return Chart{
		"color":     palette,
		"title":     map[string]any{"text": title, "left": "center", "textStyle": map[string]any{"fontSize": 14}},
		"tooltip":   map[string]any{},
		"animation": false,
	}
}

// Radar shows a student's dimension scores against the class average.
func Radar(title string, dims []Score) Chart {
	ind := make([]map[string]any, len(dims))
	mine := make([]float64, len(dims))
	avg := make([]float64, len(dims))
	for i, d := range dims {
		ind[i] = map[string]any{"name": d.Name, "max": 100}
		mine[i], avg[i] = d.Score, d.ClassAvg
	}
	c := base(title)
	c["legend"] = map[string]any{"bottom": 0, "data": []string{"本人", "班级平均"}}
	c["radar"] = map[string]any{"indicator": ind, "radius": "62%", "splitNumber": 5}
	c["series"] = []any{map[string]any{"type": "radar", "data": []any{
		map[string]any{"name": "本人", "value": mine, "areaStyle": map[string]any{"opacity": 0.25}},
		map[string]any{"name": "班级平均", "value": avg, "lineStyle": map[string]any{"type": "dashed"}},
	}}}
	return c
}

// Bars shows named counts or scores.
func Bars(title string, names []string, values []float64) Chart {
	c := base(title)
	c["grid"] = map[string]any{"left": 40, "right": 20, "bottom": 60, "containLabel": true}
	c["xAxis"] = map[string]any{"type": "category", "data": names, "axisLabel": map[string]any{"interval": 0, "rotate": 20}}
	c["yAxis"] = map[string]any{"type": "value"}
	c["series"] = []any{map[string]any{"type": "bar", "data": values, "label": map[string]any{"show": true, "position": "top"}}}
	return c
}
