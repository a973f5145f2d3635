package ui

import (
	"math"
	"net/http"

	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// The incentive sheet for the finance office: each teacher's points and
// the amount at a 元-per-point the 科研处 types, with a column to sign.

// maxYuanPerPoint bounds the rate: a slip of 10000 for 100 is caught.
const maxYuanPerPoint = 5000

func (s *Server) researchAssessExport(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	ra, err := s.st.ResearchAssessment(ctx, school, id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	yuan, err := validate.Number(r.FormValue("yuan"))
	if err != nil || yuan <= 0 || yuan > maxYuanPerPoint {
		s.flashError(r, "每分奖励应为 0 到 5000 元之间的数")
		s.redirect(w, r, "/research/assessments/"+itoa64(id), "")
		return
	}
	rows, err := s.st.ResearchTotals(ctx, school, id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	b, err := writeSheets([]xlsxSheet{incentiveSheet(rows, yuan)})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.st.Audit(ctx, school, actor(r), "export", "research_assessment", id, map[string]any{"teachers": len(rows), "yuan_per_point": yuan}); err != nil {
		s.serverError(w, r, err)
		return
	}
	name := ra.Name
	if ra.State != research.StateFinal {
		name += "（未定稿）"
	}
	sendFile(w, name+"_科研奖励.xlsx", b)
}

// incentiveSheet lists teachers by 工号 order of rank with the amount,
// rounded to the 分 (half up).
func incentiveSheet(rows []storage.ResearchPointRow, yuan float64) xlsxSheet {
	sh := xlsxSheet{Name: "科研奖励", Header: []string{"序号", "工号", "姓名", "部门", "积分", "每分（元）", "金额（元）", "签名"},
		Widths: []float64{6, 10, 10, 18, 8, 10, 12, 16}}
	for i, r := range rows {
		amount := math.Floor(r.Points*yuan*100+0.5) / 100
		sh.Rows = append(sh.Rows, []any{i + 1, r.StaffNo, r.Name, r.DepartmentName, r.Points, yuan, amount, ""})
	}
	return sh
}
