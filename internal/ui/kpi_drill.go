package ui

import (
	"net/http"
	"time"

	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
)

type kpiDrillData struct {
	Period  kpiPeriod
	KPI     portrait.KPI
	Records []storage.KPIRecord
	Hidden  int // records outside the viewer's scope, counted but not listed
}

func (s *Server) kpiDrillLoad(w http.ResponseWriter, r *http.Request) (kpiDrillData, bool) {
	d, k, ok := s.kpiFind(w, r)
	if !ok {
		return kpiDrillData{}, false
	}
	recs, err := s.st.KPIRecords(r.Context(), schoolOf(r), k.Key, d.Period.Period, k.Records)
	if err != nil {
		s.serverError(w, r, err)
		return kpiDrillData{}, false
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return kpiDrillData{}, false
	}
	// The figure is the school's; the named students behind it are only
	// those the viewer may see (a department head's graduates, none for the
	// research office).
	shown := recs[:0]
	for _, rec := range recs {
		if rec.StudentID == 0 || sc.AllowsStudent(rec.StudentID, rec.ClassID) {
			shown = append(shown, rec)
		}
	}
	return kpiDrillData{Period: d.Period, KPI: k, Records: shown, Hidden: len(recs) - len(shown)}, true
}

// kpiDrill lists the records behind one KPI.
func (s *Server) kpiDrill(w http.ResponseWriter, r *http.Request) {
	d, ok := s.kpiDrillLoad(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "kpi_drill", d.KPI.Name, d)
}

// kpiDrillExport writes the drill-down list as .xlsx.
func (s *Server) kpiDrillExport(w http.ResponseWriter, r *http.Request) {
	d, ok := s.kpiDrillLoad(w, r)
	if !ok {
		return
	}
	sh := xlsxSheet{Name: "明细", Header: []string{"序号", "对象", "记录", "详情", "日期"}, Widths: []float64{6, 20, 40, 30, 12}}
	for i, rec := range d.Records {
		sh.Rows = append(sh.Rows, []any{i + 1, rec.Who, rec.Title, rec.Detail, rec.Date})
	}
	info := xlsxSheet{Name: "口径", Header: []string{"指标", "数值", "口径（定义）", "统计期间"}, Widths: []float64{24, 40, 70, 26},
		Rows: [][]any{{d.KPI.Name, d.KPI.Value, d.KPI.Definition, d.Period.Label}}}
	b, err := writeSheets([]xlsxSheet{sh, info})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.st.Audit(r.Context(), schoolOf(r), actor(r), "export", "kpi", 0, map[string]string{"kpi": d.KPI.Key, "period": d.Period.Period.String()})
	sendFile(w, d.KPI.Name+"明细_"+time.Now().In(displayZone).Format("20060102")+".xlsx", b)
}
