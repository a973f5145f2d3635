package ui

import "zhijiao/internal/portrait"

// staffCharts are the charts of the 师资 block: teaching-ability awards by
// level × prize and the open studios by level.
func staffCharts(st portrait.Staff, p portrait.Period, provincialLabel string) []kpiChart {
	grid := portrait.StaffAwardGrid(st.Awards, p, provincialLabel)
	studios := portrait.StaffStudioTable(st.Studios)
	return []kpiChart{
		{ID: "chart-staff-awards", Chart: portrait.StackedBars(grid), Table: grid, Total: true},
		{ID: "chart-staff-studios", Chart: portrait.CountBars(studios), Table: studios},
	}
}
