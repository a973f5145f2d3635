package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"zhijiao/internal/report"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// teacherPortraitPDF prints the portrait with the report cards' engine:
// the same sections as the page, in lines.
func (s *Server) teacherPortraitPDF(w http.ResponseWriter, r *http.Request) {
	d, ok := s.portraitLoad(w, r)
	if !ok {
		return
	}
	sch, err := s.st.School(r.Context(), schoolOf(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := report.RenderTeacherSheet(&buf, portraitSheet(d, sch.Name)); err != nil {
		s.serverError(w, r, err)
		return
	}
	noStore(w)
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", "attachment; filename=\"portrait.pdf\"; filename*=UTF-8''"+urlPathEscape(d.Teacher.Name+"-教师画像.pdf"))
	w.Write(buf.Bytes())
}

func portraitSheet(d portraitData, school string) report.TeacherSheet {
	meta := "工号 " + d.Teacher.StaffNo
	if d.Teacher.DepartmentName != "" {
		meta += " · " + d.Teacher.DepartmentName
	}
	if d.P.Professional {
		meta += " · 专业课教师"
	}
	sh := report.TeacherSheet{School: school, Title: "教师画像", Name: d.Teacher.Name, Meta: meta, Printed: "打印于 " + cnDate(storage.Today())}
	add := func(h string, lines ...string) {
		if len(lines) == 0 {
			lines = []string{"无"}
		}
		sh.Sections = append(sh.Sections, report.SheetSection{Heading: h, Lines: lines})
	}
	var teach []string
	for _, c := range d.Headed {
		teach = append(teach, "班主任："+c.Name)
	}
	for _, t := range d.Teaching {
		teach = append(teach, t.Term+" · "+t.Course+" · "+t.Class)
	}
	add("一、任教情况", teach...)
	tr, pr := d.P.Training, d.P.Practice
	dev := []string{fmt.Sprintf("培训学时（%s 周期）：已核实 %s / %s 学时，%s；待核实 %s 学时", d.Cycle, num(tr.Done), num(tr.Target), teacherdev.StandingName(tr.Status), num(tr.Pending))}
	if d.P.Professional {
		dev = append(dev, fmt.Sprintf("企业实践（近 %d 年）：已确认 %s / %s 天，%s", d.Req.PracticeYears, num(pr.Done), num(pr.Target), teacherdev.StandingName(pr.Status)))
	}
	if d.P.Recognition != nil {
		dev = append(dev, "双师型："+d.P.Recognition.Level+"（"+cnDate(d.P.Recognition.RecognisedOn)+" 认定）")
	}
	for _, y := range d.Years {
		dev = append(dev, fmt.Sprintf("%s 年：%s 学时，企业实践 %s 天", y.Year, num(y.Hours), num(y.Days)))
	}
	add("二、教师发展", dev...)
	var certs []string
	for _, c := range d.Certs {
		l := c.Title + " " + c.Level
		if c.ExpiresOn != "" {
			l += "，有效期至 " + cnDate(c.ExpiresOn)
		}
		certs = append(certs, strings.TrimSpace(l))
	}
	add("三、职业资格与技能等级证书", certs...)
	var more []string
	for _, st := range d.Studios {
		more = append(more, "工作室："+st.Name+"（"+st.Level+"，"+st.Role+"）")
	}
	for _, a := range d.Awards {
		more = append(more, "获奖："+a.Title+" "+a.Level+" "+a.Prize)
	}
	more = append(more, fmt.Sprintf("科研成果 %d 项（已审核 %d 项）", d.Outputs, d.Verified))
	add("四、工作室、获奖与科研", more...)
	rater := []string{fmt.Sprintf("共给出评价 %d 条", d.RatedTotal)}
	add("五、作为评价者", append(rater, d.Flags...)...)
	return sh
}
