package ui

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
)

// The district view (区域数据画像): the same KPIs for many schools side by
// side, for a platform admin (every school, or one district) or a district
// admin (the schools of their district only). School accounts never reach
// it, whatever roles they hold: a school's numbers are private from the
// other schools. Only figures are shown, never another school's records.

type districtRow struct {
	School model.School
	KPIs   []portrait.KPI
	Cells  []districtCell
}

// districtCell is one figure as shown, already in the page's language: a
// thousand schools are nine thousand cells, and two template calls a cell
// were most of the page's time.
type districtCell struct {
	Text  string // counts as "3 项", rates as "90.0%（9/10）"
	Title string // the full value (the award headline for awards)
}

type districtData struct {
	Body         template.HTML // the table's rows, written by districtBody
	Years        []periodChoice
	Custom       bool
	From, To     string
	Period       portrait.Period
	PeriodLabel  string
	Query        template.URL // the period (and district) as an encoded query string
	Districts    []model.District
	DistrictID   int64
	AllDistricts bool           // the platform admin may choose
	Keys         []portrait.KPI // names and definitions of the columns
	Rows         []districtRow
	AsOf         string // 数据截至: the figures hold every record written before it
	Sort         string
	Desc         bool
	Chart        kpiChart
	ChartKey     string
	ChartHeight  int
}

// kpiNumber is a KPI as a number to sort and chart: a rate in percent, a
// count, or nil for 无数据.
func kpiNumber(k portrait.KPI) *float64 {
	if k.Rate != nil {
		v, ok := k.Rate.Value()
		if !ok {
			return nil
		}
		v = float64(int(v*1000+0.5)) / 10
		return &v
	}
	if k.Count != nil {
		v := float64(*k.Count)
		return &v
	}
	if k.Amount != nil {
		v := *k.Amount
		return &v
	}
	return nil
}

// districtSchools are the schools the account may see (the route is for
// platform and district accounts only: platformOnly turns school
// accounts away).
func (s *Server) districtSchools(w http.ResponseWriter, r *http.Request, d *districtData) ([]model.School, bool) {
	u := userOf(r)
	ctx := r.Context()
	if s.authz.Can(u, "platform:manage") {
		d.AllDistricts = true
		d.DistrictID = queryInt(r, "district")
		var err error
		if d.Districts, err = s.st.Districts(ctx); err != nil {
			s.serverError(w, r, err)
			return nil, false
		}
	} else {
		d.DistrictID = u.DistrictID
		if u.DistrictID == 0 {
			return nil, true // a district admin without a district sees no school
		}
	}
	list, err := s.st.Schools(ctx, d.DistrictID)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return list, true
}

// districtPeriod is the last twelve months (?year=recent, the default), a
// 学年 (?year=2025 for 2025-2026) or custom dates (?year=&from=&to=).
func districtPeriod(r *http.Request, d *districtData) {
	today := storage.Today()
	cur, _ := calendarSchoolYear(today)
	first, _ := strconv.Atoi(cur.From[:4])
	q := r.URL.Query()
	want, _ := strconv.Atoi(q.Get("year"))
	from, to := q.Get("from"), q.Get("to")
	if _, ok := parseDay(from); !ok {
		from = ""
	}
	if _, ok := parseDay(to); !ok {
		to = ""
	}
	d.Custom = (want == 0 || q.Get("year") == "") && (from != "" || to != "")
	// Without a choice: the last twelve months, as on the school's page.
	recent := !d.Custom && (q.Get("year") == "" || q.Get("year") == "recent")
	if want < 2000 || want > 2100 {
		want = first
	}
	d.Years = append(d.Years, periodChoice{Value: "recent", Label: "近一年", Selected: recent})
	for y := first; y > first-6; y-- {
		d.Years = append(d.Years, periodChoice{Value: strconv.Itoa(y), Label: strconv.Itoa(y) + "-" + strconv.Itoa(y+1) + "学年", Selected: y == want && !d.Custom && !recent})
	}
	d.Years = append(d.Years, periodChoice{Value: "", Label: "自定义日期", Selected: d.Custom})
	if d.Custom {
		d.Period = portrait.Period{From: from, To: to}
		d.PeriodLabel = d.Period.String()
		d.From, d.To = from, to
		d.Query = template.URL(url.Values{"year": {""}, "from": {from}, "to": {to}}.Encode())
		return
	}
	if recent {
		d.Period = recentYear(today)
		d.PeriodLabel, d.Query = "近一年（"+d.Period.String()+"）", "year=recent"
		return
	}
	d.Period, d.PeriodLabel = calendarSchoolYear(strconv.Itoa(want) + "-09-01")
	d.Query = template.URL("year=" + strconv.Itoa(want))
}

func (s *Server) districtLoad(w http.ResponseWriter, r *http.Request) (districtData, bool) {
	var d districtData
	schools, ok := s.districtSchools(w, r, &d)
	if !ok {
		return d, false
	}
	districtPeriod(r, &d)
	if d.DistrictID != 0 && d.AllDistricts {
		d.Query += template.URL("&district=" + itoa64(d.DistrictID))
	}
	ids := make([]int64, len(schools))
	for i, sc := range schools {
		ids[i] = sc.ID
	}
	by, asOf, err := s.st.KPISummaryInputs(r.Context(), ids, d.Period)
	if err != nil {
		s.serverError(w, r, err)
		return d, false
	}
	d.AsOf = asOf.In(displayZone).Format("2006-01-02 15:04")
	label := provincialLabel()
	lang := langOf(r)
	for _, sc := range schools {
		row := districtRows.row(by[sc.ID], d.Period, label, lang)
		row.School = sc
		d.Rows = append(d.Rows, row)
	}
	d.Keys = portrait.Dashboard(portrait.Inputs{ProvincialLabel: label}, d.Period)
	d.sortRows(r.URL.Query().Get("sort"), r.URL.Query().Get("order") != "asc")
	d.chart(r.URL.Query().Get("kpi"))
	d.Body = districtBody(d.Rows, translator(lang)("没有可查看的学校"))
	return d, true
}

// column is the index of KPI key in d.Keys, or -1.
func (d *districtData) column(key string) int {
	for i, k := range d.Keys {
		if k.Key == key {
			return i
		}
	}
	return -1
}

// sortRows orders the schools by the KPI key (无数据 last either way);
// an unknown key keeps the schools' order and clears d.Sort.
func (d *districtData) sortRows(key string, desc bool) {
	d.Sort, d.Desc = key, desc
	if i := d.column(d.Sort); i >= 0 {
		slices.SortStableFunc(d.Rows, func(a, b districtRow) int {
			x, y := kpiNumber(a.KPIs[i]), kpiNumber(b.KPIs[i])
			switch {
			case x == nil && y == nil:
				return 0
			case x == nil:
				return 1 // 无数据 last, either way
			case y == nil:
				return -1
			case *x == *y:
				return 0
			case (*x < *y) != d.Desc:
				return -1
			}
			return 1
		})
	} else {
		d.Sort = ""
	}
}

// chart is the ranking bar chart of the KPI key (初次就业率 when key is
// not a KPI) and the table of its figures.
func (d *districtData) chart(key string) {
	d.ChartKey = key
	ci := d.column(key)
	if ci < 0 {
		ci, d.ChartKey = 4, d.Keys[4].Key // 初次就业率
	}
	names := make([]string, len(d.Rows))
	vals := make([]*float64, len(d.Rows))
	table := portrait.Table{Title: d.Keys[ci].Name, Columns: []string{d.Keys[ci].Name}}
	for i, row := range d.Rows {
		names[i], vals[i] = row.School.Name, kpiNumber(row.KPIs[ci])
		if vals[i] != nil {
			table.Rows = append(table.Rows, row.School.Name)
			table.Cells = append(table.Cells, []float64{*vals[i]})
		}
	}
	unit := "（%）"
	if d.Keys[ci].Rate == nil {
		unit = "（" + d.Keys[ci].Unit + "）"
	}
	table.Title += unit
	d.Chart = kpiChart{ID: "chart-district", Chart: portrait.RankBars(table.Title, names, vals), Table: table}
	d.ChartHeight = max(300, 60+26*len(table.Rows))
}

// districtShow is the 区域数据画像 page.
func (s *Server) districtShow(w http.ResponseWriter, r *http.Request) {
	d, ok := s.districtLoad(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "district", "区域数据画像", d)
}

// districtExport writes the side-by-side table as .xlsx.
func (s *Server) districtExport(w http.ResponseWriter, r *http.Request) {
	d, ok := s.districtLoad(w, r)
	if !ok {
		return
	}
	sh := xlsxSheet{Name: "区域数据画像", Header: []string{"学校代码", "学校"}, Widths: []float64{12, 28}}
	notes := xlsxSheet{Name: "口径", Header: []string{"指标", "口径（定义）", "统计期间"}, Widths: []float64{24, 70, 26}}
	for _, k := range d.Keys {
		sh.Header = append(sh.Header, k.Name)
		sh.Widths = append(sh.Widths, 18)
		notes.Rows = append(notes.Rows, []any{k.Name, k.Definition, d.PeriodLabel})
	}
	for _, row := range d.Rows {
		vals := []any{row.School.Code, row.School.Name}
		for _, k := range row.KPIs {
			vals = append(vals, k.Value)
		}
		sh.Rows = append(sh.Rows, vals)
	}
	b, err := writeSheets([]xlsxSheet{sh, notes})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, "区域数据画像_"+time.Now().In(displayZone).Format("20060102")+".xlsx", b)
}
