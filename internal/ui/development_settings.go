package ui

import (
	"errors"
	"net/http"
	"strconv"

	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// The requirements form (/development/settings): the five-year training
// target, the cycle's first year, the enterprise-practice rule and the
// new-teacher flag, each with its default and where it comes from.

type devSettingsData struct {
	Req, Default teacherdev.Requirements
	Cycle        string
	Problems     []string
}

func (s *Server) devSettings(w http.ResponseWriter, r *http.Request) {
	req, err := s.st.DevelopmentRequirements(r.Context(), schoolOf(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "development_settings", "教师发展要求", devSettingsData{Req: req, Default: teacherdev.DefaultRequirements(), Cycle: req.CycleLabel(devToday())})
}

func (s *Server) devSettingsSave(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	req, problems := requirementsForm(r)
	if problems == nil {
		err := s.st.SaveDevelopmentRequirements(r.Context(), schoolOf(r), actor(r), req)
		if err == nil {
			s.redirect(w, r, "/development/settings", "已保存教师发展要求")
			return
		}
		if !errors.Is(err, storage.ErrRefused) {
			s.serverError(w, r, err)
			return
		}
		problems = req.Problems()
	}
	d := devSettingsData{Req: req, Default: teacherdev.DefaultRequirements(), Cycle: req.CycleLabel(devToday()), Problems: problems}
	s.render(w, r, http.StatusUnprocessableEntity, "development_settings", "教师发展要求", d)
}

// requirementsForm reads the form, naming each field that is not a number.
func requirementsForm(r *http.Request) (teacherdev.Requirements, []string) {
	req := teacherdev.DefaultRequirements()
	var bad []string
	num := func(key, label string, into *float64) {
		v, err := strconv.ParseFloat(field(r, key), 64)
		if err != nil {
			bad = append(bad, label+"应为数字，现为“"+field(r, key)+"”")
			return
		}
		*into = v
	}
	whole := func(key, label string, into *int) {
		v, err := strconv.Atoi(field(r, key))
		if err != nil {
			bad = append(bad, label+"应为整数，现为“"+field(r, key)+"”")
			return
		}
		*into = v
	}
	num("cycle_hours", "周期学时要求", &req.CycleHours)
	whole("cycle_start_year", "周期起始年份", &req.CycleStartYear)
	whole("cycle_years", "周期年数", &req.CycleYears)
	num("practice_days", "企业实践天数要求", &req.PracticeDays)
	whole("practice_years", "企业实践统计年数", &req.PracticeYears)
	whole("new_teacher_years", "新教师年限", &req.NewTeacherYears)
	if bad == nil {
		bad = req.Problems()
	}
	return req, bad
}
