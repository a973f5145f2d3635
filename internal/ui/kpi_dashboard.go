package ui

import (
	"net/http"
	"os"
	"slices"
	"strconv"
	"time"

	"zhijiao/internal/portrait"
)

// provincialLabel names the provincial award level as schools here say it:
// 市级 in a 直辖市 (the default, as in 重庆), 省级 elsewhere
// (ZHIJIAO_PROVINCIAL_LABEL=省级).
func provincialLabel() string {
	if v := os.Getenv("ZHIJIAO_PROVINCIAL_LABEL"); v != "" {
		return v
	}
	return "市级"
}

// kpiChart is a chart with the table of the same numbers beside it.
type kpiChart struct {
	ID    string
	Chart portrait.Chart
	Table portrait.Table
	Total bool // show a total column (grids)
}

type kpiDashboardData struct {
	Period kpiPeriod
	KPIs   []portrait.KPI
	Charts []kpiChart
	// Research are the charts of the 教改创新成果 block, shown under its cards.
	Research []kpiChart
	// Staff are the charts of the 师资 block.
	Staff []kpiChart
}

// kpiCompute reads the school's records of the period and computes every
// KPI and chart.
func (s *Server) kpiCompute(r *http.Request) (kpiDashboardData, error) {
	school := schoolOf(r)
	kp, err := s.periodOf(r, school)
	if err != nil {
		return kpiDashboardData{}, err
	}
	in, err := s.st.KPIInputs(r.Context(), school, kp.Period)
	if err != nil {
		return kpiDashboardData{}, err
	}
	in.ProvincialLabel = provincialLabel()
	p := kp.Period
	d := kpiDashboardData{Period: kp, KPIs: portrait.Dashboard(in, p)}
	students := portrait.AwardGrid("学生技能大赛获奖（级别 × 奖项）", portrait.Awards(in.Awards, p, false, in.ProvincialLabel))
	dest := portrait.DestinationShares(in.Destinations, p)
	sat := portrait.SatisfactionSpread(in.Survey, p)
	train := portrait.TrainingByMonth(in.Training, p)
	d.Charts = []kpiChart{
		{ID: "chart-awards", Chart: portrait.StackedBars(students), Table: students, Total: true},
		{ID: "chart-destinations", Chart: portrait.Donut(dest), Table: dest},
		{ID: "chart-satisfaction", Chart: portrait.CountBars(sat), Table: sat},
		{ID: "chart-training", Chart: portrait.CountBars(train), Table: train},
	}
	d.Research = researchCharts(in.Research, p)
	d.Staff = staffCharts(in.Staff, p, in.ProvincialLabel)
	return d, nil
}

// kpiDashboard is the school's 数据画像.
func (s *Server) kpiDashboard(w http.ResponseWriter, r *http.Request) {
	d, err := s.kpiCompute(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "kpi_dashboard", "数据画像", d)
}

// kpiExport writes the KPI table and the tables of the charts as .xlsx.
func (s *Server) kpiExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.kpiCompute(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	main := xlsxSheet{Name: "数据画像", Header: []string{"指标", "数值", "分子", "分母", "计数", "口径（定义）", "统计期间"}, Widths: []float64{24, 40, 8, 8, 8, 70, 26}}
	for _, k := range d.KPIs {
		row := []any{k.Name, k.Value, "", "", "", k.Definition, d.Period.Label + "（" + k.Period.String() + "）"}
		if k.Rate != nil {
			row[2], row[3] = k.Rate.Num, k.Rate.Den
		}
		if k.Count != nil {
			row[4] = *k.Count
		}
		if k.Amount != nil {
			row[4] = *k.Amount
		}
		main.Rows = append(main.Rows, row)
	}
	sheets := []xlsxSheet{main}
	for i, c := range slices.Concat(d.Charts, d.Research, d.Staff) {
		sh := xlsxSheet{Name: "表" + strconv.Itoa(i+1), Header: append([]string{c.Table.Title}, c.Table.Columns...), Widths: []float64{24}}
		if c.Total {
			sh.Header = append(sh.Header, "合计")
		}
		for ri, name := range c.Table.Rows {
			row := []any{name}
			for _, v := range c.Table.Cells[ri] {
				row = append(row, v)
			}
			if c.Total {
				row = append(row, c.Table.RowTotal(ri))
			}
			sh.Rows = append(sh.Rows, row)
		}
		sheets = append(sheets, sh)
	}
	b, err := writeSheets(sheets)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.st.Audit(r.Context(), schoolOf(r), actor(r), "export", "kpi", 0, map[string]string{"period": d.Period.Period.String()})
	sendFile(w, "数据画像_"+time.Now().In(displayZone).Format("20060102")+".xlsx", b)
}

// kpiFind returns the KPI named by {key} of the period, or false after a
// 404.
func (s *Server) kpiFind(w http.ResponseWriter, r *http.Request) (kpiDashboardData, portrait.KPI, bool) {
	d, err := s.kpiCompute(r)
	if err != nil {
		s.serverError(w, r, err)
		return d, portrait.KPI{}, false
	}
	for _, k := range d.KPIs {
		if k.Key == r.PathValue("key") {
			return d, k, true
		}
	}
	s.errorPage(w, r, http.StatusNotFound, "没有这个指标")
	return d, portrait.KPI{}, false
}
