package ui

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// Bulk import of competition results (竞赛获奖) from an .xlsx sheet, by a
// school office from an official result list. All or nothing: any bad row
// and nothing is written. Imported records are stored as 已审核 (verified)
// with the importer as reviewer: the office copies a published result list,
// so a second review by each head teacher would only repeat it. Records
// students submit themselves stay 待审核 until reviewed.

const (
	maxEvidenceImport     = 5 << 20
	maxEvidenceImportRows = 5000
)

var evidenceImportColumns = []string{"学号", "姓名", "比赛名称", "级别", "奖项", "是否团体", "获奖日期", "备注"}

type evidenceImportData struct {
	Terms   []model.Term
	TermID  int64
	Lang    string
	Errors  []string
	More    int
	Created int
}

func (s *Server) evidenceImportPage(w http.ResponseWriter, r *http.Request, status int, d evidenceImportData) {
	var err error
	if d.Terms, err = s.st.Terms(r.Context(), schoolOf(r)); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.TermID == 0 {
		if t, err := s.st.CurrentTerm(r.Context(), schoolOf(r)); err == nil {
			d.TermID = t.ID
		}
	}
	d.Lang = langOf(r)
	if len(d.Errors) > 200 {
		d.Errors, d.More = d.Errors[:200], len(d.Errors)-200
	}
	s.render(w, r, status, "evidence_import", "批量导入竞赛获奖", d)
}

func (s *Server) evidenceImportShow(w http.ResponseWriter, r *http.Request) {
	s.evidenceImportPage(w, r, http.StatusOK, evidenceImportData{})
}

// evidenceImportTemplate is the sheet to fill: the columns, one example
// row, and drop-down lists for 级别, 奖项 and 是否团体.
func (s *Server) evidenceImportTemplate(w http.ResponseWriter, r *http.Request) {
	example := []string{"2026001", "张三", "全国职业院校技能大赛（中职组）数控车加工技术", model.AwardProvincial, model.PrizeFirst, "否", "2026-05-20", ""}
	b, err := sheetTemplate("竞赛获奖", evidenceImportColumns, example, []float64{14, 14, 44, 14, 14, 14, 14, 14},
		[]dropList{{"D", model.AwardLevels}, {"E", model.Prizes}, {"F", []string{"是", "否"}}})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, "竞赛获奖导入模板.xlsx", b)
}

func (s *Server) evidenceImportSubmit(w http.ResponseWriter, r *http.Request) {
	rows, msg, status := uploadedSheet(w, r)
	d := evidenceImportData{TermID: formInt(r, "term_id")}
	if msg != "" {
		d.Errors = []string{msg}
		s.evidenceImportPage(w, r, status, d)
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	terms, err := s.st.Terms(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !slices.ContainsFunc(terms, func(t model.Term) bool { return t.ID == d.TermID }) {
		d.Errors = []string{"请选择学期"}
		s.evidenceImportPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	es, errs := s.parseEvidenceRows(r, rows, d.TermID)
	if len(errs) > 0 {
		d.Errors = errs
		s.evidenceImportPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	if err := s.st.CreateEvidenceVerifiedBulk(ctx, school, actor(r), es, "批量导入（官方获奖名单）"); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.redirect(w, r, "/evidence?kind=competition", fmt.Sprintf("已导入 %d 条竞赛获奖记录（已审核）", len(es)))
}

// readEvidenceSheet reads the first sheet's rows as raw cell values (dates
// as Excel serial numbers), within size limits against zip bombs.
func readEvidenceSheet(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 32 << 20})
	if err != nil {
		return nil, errors.New("文件无法读取：请上传 Excel（.xlsx）文件")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("文件中没有工作表")
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, errors.New("文件无法读取：请上传 Excel（.xlsx）文件")
	}
	if len(rows) > maxEvidenceImportRows+1 {
		return nil, fmt.Errorf("行数太多：一次最多导入 %d 行", maxEvidenceImportRows)
	}
	return rows, nil
}

// parseEvidenceRows checks every row and returns the records, or the
// errors of all bad rows named by their row number in the sheet.
func (s *Server) parseEvidenceRows(r *http.Request, rows [][]string, termID int64) ([]*model.Evidence, []string) {
	get, errs := sheetColumns(rows, []string{"学号", "姓名", "比赛名称", "级别", "奖项", "获奖日期"})
	if len(errs) > 0 {
		return nil, errs
	}
	byNo, err := s.studentsByNo(r)
	if err != nil {
		return nil, []string{"服务器内部错误，请稍后再试"}
	}
	var out []*model.Evidence
	for n, row := range rows[1:] {
		line := n + 2
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		var bad []string
		no, name := get(row, "学号"), get(row, "姓名")
		st, found := byNo[no]
		switch {
		case no == "":
			bad = append(bad, "学号为空")
		case !found:
			bad = append(bad, "学号 "+no+" 不是本校学生")
		case name != st.Name:
			bad = append(bad, "姓名“"+name+"”与学号 "+no+" 的学生“"+st.Name+"”不一致")
		}
		e := &model.Evidence{Kind: model.EvidenceCompetition, TermID: termID, Title: get(row, "比赛名称"), Level: get(row, "级别"), Prize: get(row, "奖项"), Note: get(row, "备注")}
		if found {
			e.StudentID = st.ID
		}
		if e.Title == "" {
			bad = append(bad, "比赛名称为空")
		} else if len([]rune(e.Title)) > 100 {
			bad = append(bad, "比赛名称不能超过 100 个字")
		}
		if e.Level == "直辖市的市级" {
			e.Level = model.AwardProvincial
		}
		if !slices.Contains(model.AwardLevels, e.Level) {
			bad = append(bad, "级别“"+e.Level+"”不在可选范围（"+strings.Join(model.AwardLevels, "、")+"）")
		}
		if !slices.Contains(model.Prizes, e.Prize) {
			bad = append(bad, "奖项“"+e.Prize+"”不在可选范围（"+strings.Join(model.Prizes, "、")+"）")
		}
		switch get(row, "是否团体") {
		case "", "否", "个人":
		case "是", "团体":
			e.Team = true
		default:
			bad = append(bad, "是否团体应填“是”或“否”")
		}
		if day, ok := importDate(get(row, "获奖日期")); !ok {
			bad = append(bad, "获奖日期“"+get(row, "获奖日期")+"”无法识别，请写成 2026-05-20 的形式")
		} else if r := validate.EvidenceDates.Check(day); r != "" {
			bad = append(bad, r)
		} else {
			e.Date = day
		}
		if slices.ContainsFunc(row, func(c string) bool { return validate.Control(c) != "" }) {
			bad = append(bad, validate.ControlReason)
		}
		if len(bad) > 0 {
			errs = append(errs, fmt.Sprintf("第 %d 行：%s", line, strings.Join(bad, "；")))
			continue
		}
		out = append(out, e)
	}
	if len(errs) == 0 && len(out) == 0 {
		errs = append(errs, "文件中没有数据行")
	}
	return out, errs
}

var dateRe = regexp.MustCompile(`^(\d{4})[-/.\x{5e74}](\d{1,2})[-/.\x{6708}](\d{1,2})\x{65e5}?$`)

// importDate reads an Excel date serial or 2026-05-20, 2026/5/20,
// 2026.5.20, 2026年5月20日; dates after today are refused.
func importDate(s string) (string, bool) {
	var t time.Time
	if f, err := validate.Number(s); err == nil && f > 20000 && f < 80000 {
		x, err := excelize.ExcelDateToTime(f, false)
		if err != nil {
			return "", false
		}
		t = x
	} else if m := dateRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		t = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Month() != time.Month(mo) || t.Day() != d {
			return "", false
		}
	} else {
		return "", false
	}
	return t.Format("2006-01-02"), true // the caller checks the range (validate.EvidenceDates)
}
