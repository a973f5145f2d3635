package ui

import (
	"fmt"
	"net/http"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
)

// Bulk import of graduate destinations from the school's survey sheet,
// with the conventions of the other imports: a template with drop-down
// lists, every bad row named with its column, value and reason, and all or
// nothing.

var destinationImportColumns = []string{"学号", "姓名", "毕业去向", "就业单位", "岗位", "专业对口", "升学院校", "调查日期", "首次调查", "备注"}

type outcomeImportData struct {
	Errors []string
	More   int
}

func (s *Server) outcomeImportPage(w http.ResponseWriter, r *http.Request, status int, d outcomeImportData) {
	if len(d.Errors) > 200 {
		d.Errors, d.More = d.Errors[:200], len(d.Errors)-200
	}
	s.render(w, r, status, "outcome_import", "批量导入毕业去向", d)
}

func (s *Server) outcomeImportShow(w http.ResponseWriter, r *http.Request) {
	s.outcomeImportPage(w, r, http.StatusOK, outcomeImportData{})
}

func (s *Server) outcomeImportTemplate(w http.ResponseWriter, r *http.Request) {
	names := make([]string, len(portrait.DestinationKinds))
	for i, k := range portrait.DestinationKinds {
		names[i] = portrait.DestinationNames[k]
	}
	example := []string{"2023001", "张三", "受雇就业", "重庆某汽车服务有限公司", "汽车维修工", "是", "", "2026-08-31", "是", ""}
	b, err := sheetTemplate("毕业去向", destinationImportColumns, example, []float64{12, 12, 12, 30, 14, 10, 24, 12, 10, 20},
		[]dropList{{"C", names}, {"F", []string{"是", "否"}}, {"I", []string{"是", "否"}}})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, "毕业去向导入模板.xlsx", b)
}

func (s *Server) outcomeImportSubmit(w http.ResponseWriter, r *http.Request) {
	rows, msg, status := uploadedSheet(w, r)
	if msg != "" {
		s.outcomeImportPage(w, r, status, outcomeImportData{Errors: []string{msg}})
		return
	}
	ds, errs := s.parseDestinationRows(r, rows)
	if len(errs) > 0 {
		s.outcomeImportPage(w, r, http.StatusUnprocessableEntity, outcomeImportData{Errors: errs})
		return
	}
	if err := s.st.AddDestinations(r.Context(), schoolOf(r), actor(r), ds); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.redirect(w, r, "/outcomes", fmt.Sprintf("已导入 %d 条毕业去向记录", len(ds)))
}

// yesNo reads 是/否 (empty is def); ok is false for anything else.
func yesNo(v string, def bool) (bool, bool) {
	switch v {
	case "":
		return def, true
	case "是", "对口", "首次":
		return true, true
	case "否", "不对口":
		return false, true
	}
	return false, false
}

// parseDestinationRows checks every row and returns the destinations, or
// the errors of all bad rows as 第 N 行：「列」值 … reason.
func (s *Server) parseDestinationRows(r *http.Request, rows [][]string) ([]*model.GraduateDestination, []string) {
	get, errs := sheetColumns(rows, []string{"学号", "姓名", "毕业去向", "调查日期"})
	if len(errs) > 0 {
		return nil, errs
	}
	kinds := map[string]string{}
	for k, n := range portrait.DestinationNames {
		kinds[n] = k
	}
	byNo, err := s.studentsByNo(r)
	if err != nil {
		return nil, []string{"服务器内部错误，请稍后再试"}
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return nil, []string{"服务器内部错误，请稍后再试"}
	}
	var out []*model.GraduateDestination
	for n, row := range rows[1:] {
		line := n + 2
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		var bad []string
		no, name := get(row, "学号"), get(row, "姓名")
		d := &model.GraduateDestination{Employer: get(row, "就业单位"), Position: get(row, "岗位"), FurtherSchool: get(row, "升学院校"), Note: get(row, "备注")}
		st, found := byNo[no]
		switch {
		case no == "":
			bad = append(bad, "「学号」为空")
		case !found:
			bad = append(bad, "「学号」"+no+" 不是本校学生")
		case !sc.AllowsStudent(st.ID, st.ClassID):
			bad = append(bad, "「学号」"+no+" 的学生不在您的管理范围内")
		case name != st.Name:
			bad = append(bad, "「姓名」“"+name+"”与学号 "+no+" 的学生“"+st.Name+"”不一致")
		default:
			d.StudentID = st.ID
		}
		kind := get(row, "毕业去向")
		if k, ok := kinds[kind]; ok {
			d.Kind = k
		} else {
			bad = append(bad, "「毕业去向」“"+kind+"”不在可选范围（受雇就业、自主创业、应征入伍、升学、待就业）")
		}
		var ok bool
		if d.Relevant, ok = yesNo(get(row, "专业对口"), false); !ok {
			bad = append(bad, "「专业对口」应填“是”或“否”")
		}
		if d.FirstSurvey, ok = yesNo(get(row, "首次调查"), true); !ok {
			bad = append(bad, "「首次调查」应填“是”或“否”")
		}
		if day, ok := importDate(get(row, "调查日期")); ok {
			d.SurveyDate = day
		} else {
			bad = append(bad, "「调查日期」“"+get(row, "调查日期")+"”无法识别，请写成 2026-08-31 的形式（不能晚于今天）")
		}
		if (d.Kind == portrait.DestEmployed || d.Kind == portrait.DestSelfEmployed) && d.Employer == "" {
			bad = append(bad, "「就业单位」受雇就业或自主创业时不能为空")
		}
		for _, c := range []struct {
			name, v string
			n       int
		}{{"就业单位", d.Employer, 100}, {"岗位", d.Position, 50}, {"升学院校", d.FurtherSchool, 100}, {"备注", d.Note, 200}} {
			if len([]rune(c.v)) > c.n {
				bad = append(bad, fmt.Sprintf("「%s」不能超过 %d 个字", c.name, c.n))
			}
		}
		if len(bad) > 0 {
			errs = append(errs, fmt.Sprintf("第 %d 行：%s", line, strings.Join(bad, "；")))
			continue
		}
		out = append(out, d)
	}
	if len(errs) == 0 && len(out) == 0 {
		errs = append(errs, "文件中没有数据行")
	}
	return out, errs
}
