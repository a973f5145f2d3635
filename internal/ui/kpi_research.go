package ui

import "zhijiao/internal/portrait"

// researchCharts are the charts of the 教改创新成果 block: teaching
// achievement awards by level × prize and the block's counts side by side.
func researchCharts(os []portrait.ResearchOutput, p portrait.Period) []kpiChart {
	grid := portrait.TeachingAwardGrid(os, p)
	kinds := portrait.ResearchByKind(os, p)
	return []kpiChart{
		{ID: "chart-research-awards", Chart: portrait.StackedBars(grid), Table: grid, Total: true},
		{ID: "chart-research-kinds", Chart: portrait.CountBars(kinds), Table: kinds},
	}
}
