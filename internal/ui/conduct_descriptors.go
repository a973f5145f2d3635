package ui

import (
	"math"
	"net/http"
	"strconv"

	"zhijiao/internal/conduct"
	"zhijiao/internal/validate"
)

// The school's preset descriptors and status rules, kept by the 德育处,
// 学生处 and the school admin: add, change, turn off (never delete: old
// records name them), adopt the shipped ones, and say which records count
// at once.

type descriptorRow struct {
	ID                                          int64
	Name, Category, Points, Direction, Position string
	Active                                      bool
}

type conductDescriptorsPage struct {
	Rows       []descriptorRow
	New        descriptorRow
	Categories []string
	Settings   conduct.Settings
	Errors     formErrors
}

func rowOf(d conduct.Descriptor) descriptorRow {
	dir := "+"
	if d.Points < 0 {
		dir = "-"
	}
	return descriptorRow{ID: d.ID, Name: d.Name, Category: d.Category, Points: num(math.Abs(d.Points)), Direction: dir, Position: strconv.Itoa(d.Position), Active: d.Active}
}

func (s *Server) conductDescriptorsData(r *http.Request) (conductDescriptorsPage, error) {
	d := conductDescriptorsPage{New: descriptorRow{Direction: "-", Active: true}}
	ds, err := s.st.ConductDescriptors(r.Context(), schoolOf(r), false)
	if err != nil {
		return d, err
	}
	for _, x := range ds {
		d.Rows = append(d.Rows, rowOf(x))
	}
	d.New.Position = strconv.Itoa(len(ds) + 1)
	if d.Categories, err = s.habitNames(r); err != nil {
		return d, err
	}
	d.Settings, err = s.st.ConductSettings(r.Context(), schoolOf(r))
	return d, err
}

func (s *Server) conductDescriptors(w http.ResponseWriter, r *http.Request) {
	d, err := s.conductDescriptorsData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "conduct_descriptors", "记录事项与规则", d)
}

// conductDescriptorSave adds (id empty) or changes one descriptor.
func (s *Server) conductDescriptorSave(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	row := descriptorRow{Name: field(r, "name"), Category: field(r, "category"), Points: field(r, "points"), Direction: field(r, "direction"),
		Position: field(r, "position"), Active: checked(r, "active")}
	row.ID, _ = strconv.ParseInt(field(r, "id"), 10, 64)
	var errs formErrors
	cats, err := s.habitNames(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := validate.Descriptor(validate.DescriptorText{Name: row.Name, Category: row.Category, Points: row.Points, Direction: row.Direction,
		Position: row.Position, Active: row.Active}, cats, &errs)
	d.ID = row.ID
	if !errs.any() {
		errs.addErr("", s.st.SaveConductDescriptor(r.Context(), schoolOf(r), actor(r), &d))
	}
	if errs.any() {
		page, err := s.conductDescriptorsData(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		page.Errors = errs
		if row.ID == 0 {
			page.New = row
		}
		s.render(w, r, http.StatusUnprocessableEntity, "conduct_descriptors", "记录事项与规则", page)
		return
	}
	s.redirect(w, r, "/conduct/descriptors", "已保存记录事项“"+d.Name+"”")
}

func (s *Server) conductDescriptorsAdopt(w http.ResponseWriter, r *http.Request) {
	n, err := s.st.AdoptDefaultDescriptors(r.Context(), schoolOf(r), actor(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.redirect(w, r, "/conduct/descriptors", "已采用 "+strconv.Itoa(n)+" 个默认记录事项")
}

// conductSettingsSave stores which records count at once and the bonus
// that needs the 德育处's approval (0: none does).
func (s *Server) conductSettingsSave(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	c := conduct.Settings{TeachersCountAtOnce: checked(r, "teachers_count_at_once"), CouncilNeedsConfirm: checked(r, "council_needs_confirm")}
	v, err := validate.Number(field(r, "approval_above"))
	if err != nil || v < 0 || v > conduct.MaxPoints {
		s.flashError(r, "审批门槛应为 0 到 20 之间的分数（0 表示不需要审批）")
		s.redirect(w, r, "/conduct/descriptors", "")
		return
	}
	c.ApprovalAbove = v
	if err := s.st.SaveConductSettings(r.Context(), schoolOf(r), actor(r), c); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.redirect(w, r, "/conduct/descriptors", "已保存记录规则")
}
