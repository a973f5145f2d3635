package ui

import (
	"net/http"
	"strconv"

	"zhijiao/internal/model"
)

// yearCreate adds a 学年 named like "2025-2026".
func (s *Server) yearCreate(w http.ResponseWriter, r *http.Request) {
	y := model.AcademicYear{Name: field(r, "name"), StartDate: field(r, "start_date"), EndDate: field(r, "end_date")}
	var errs formErrors
	if m := yearNameRe.FindStringSubmatch(y.Name); m == nil {
		errs.add("学年名称应形如 2025-2026")
	} else {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if b != a+1 || a < 2000 || a > 2099 {
			errs.add("学年名称应为相邻的两个年份，如 2025-2026")
		}
	}
	checkDates(&errs, y.StartDate, y.EndDate, true)
	if !errs.any() {
		errs.addErr("", s.st.CreateAcademicYear(r.Context(), schoolOf(r), actor(r), &y))
	}
	if errs.any() {
		s.termPage(w, r, http.StatusUnprocessableEntity, termPageData{Errors: errs, Form: "year", Year: y, Term: model.Term{Semester: 1}})
		return
	}
	s.redirect(w, r, "/org/terms", "已新增学年")
}

// termCreate adds a 学期 of a year, optionally making it the current one.
func (s *Server) termCreate(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	t := model.Term{AcademicYearID: formInt(r, "academic_year_id"), StartDate: field(r, "start_date"), EndDate: field(r, "end_date"), IsCurrent: checked(r, "current")}
	t.Semester, _ = strconv.Atoi(field(r, "semester"))
	var errs formErrors
	years, err := s.st.AcademicYears(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var year *model.AcademicYear
	for i := range years {
		if years[i].ID == t.AcademicYearID {
			year = &years[i]
		}
	}
	if year == nil {
		errs.add("请选择学年")
	}
	if t.Semester != 1 && t.Semester != 2 {
		errs.add("请选择第一学期或第二学期")
	}
	checkDates(&errs, t.StartDate, t.EndDate, true)
	if year != nil && !errs.any() && (t.StartDate < year.StartDate || t.EndDate > year.EndDate) {
		errs.add("学期起止日期应在学年 " + year.Name + "（" + cnDate(year.StartDate) + "至" + cnDate(year.EndDate) + "）之内")
	}
	if !errs.any() {
		errs.addErr("", s.st.CreateTerm(ctx, school, actor(r), &t))
	}
	if errs.any() {
		s.termPage(w, r, http.StatusUnprocessableEntity, termPageData{Errors: errs, Form: "term", Term: t, Year: suggestedYearFrom(years)})
		return
	}
	s.redirect(w, r, "/org/terms", "已新增学期")
}

// suggestedYearFrom proposes the year after the newest one.
func suggestedYearFrom(years []model.AcademicYear) model.AcademicYear {
	if len(years) == 0 {
		return model.AcademicYear{}
	}
	if m := yearNameRe.FindStringSubmatch(years[0].Name); m != nil {
		a, _ := strconv.Atoi(m[2])
		return model.AcademicYear{Name: strconv.Itoa(a) + "-" + strconv.Itoa(a+1), StartDate: strconv.Itoa(a) + "-09-01", EndDate: strconv.Itoa(a+1) + "-07-15"}
	}
	return model.AcademicYear{}
}

// termSetCurrent makes one term the current one (exactly one is).
func (s *Server) termSetCurrent(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	if err := s.st.SetCurrentTerm(r.Context(), schoolOf(r), actor(r), id); err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	s.redirect(w, r, "/org/terms", "已设为当前学期")
}
