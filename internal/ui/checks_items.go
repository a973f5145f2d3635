package ui

import (
	"net/http"
	"strings"

	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// checksItemsPage is the 德育处's setup: the settings, every check item
// with its preset reasons (one form each) and a form for a new one.
type checksItemsPage struct {
	Settings storage.CheckSettings
	Items    []checkItemForm
	New      checkItemForm
	Errors   formErrors
}

// checkItemForm is an item as its form shows it: reasons one a line.
type checkItemForm struct {
	ID                                int64
	Name, Position, MaxDaily, Reasons string
	Active                            bool
}

func itemForm(it storage.CheckItem) checkItemForm {
	var lines []string
	for _, r := range it.Reasons {
		lines = append(lines, r.Text+" "+num(r.Points))
	}
	return checkItemForm{ID: it.ID, Name: it.Name, Position: itoa64(int64(it.Position)), MaxDaily: num(it.MaxDaily), Reasons: strings.Join(lines, "\n"), Active: it.Active}
}

func (s *Server) checksItemsData(r *http.Request) (checksItemsPage, error) {
	d := checksItemsPage{New: checkItemForm{Active: true}}
	var err error
	if d.Settings, err = s.st.CheckSettingsOf(r.Context(), schoolOf(r)); err != nil {
		return d, err
	}
	items, err := s.st.CheckItems(r.Context(), schoolOf(r), false)
	for _, it := range items {
		d.Items = append(d.Items, itemForm(it))
	}
	return d, err
}

// checksItems shows the setup page.
func (s *Server) checksItems(w http.ResponseWriter, r *http.Request) {
	d, err := s.checksItemsData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "checks_items", "检查项目与设置", d)
}

// checksItemSave creates or updates one item with its preset reasons.
func (s *Server) checksItemSave(w http.ResponseWriter, r *http.Request) {
	v := checkItemForm{ID: formInt(r, "id"), Name: field(r, "name"), Position: field(r, "position"), MaxDaily: field(r, "max_daily"),
		Reasons: r.FormValue("reasons"), Active: checked(r, "active")}
	var errs formErrors
	if msg := controlInForm(r); msg != "" {
		errs.add(msg)
	}
	name, pos, maxDaily, lines := validate.CheckItem(validate.CheckItemText{Name: v.Name, Position: v.Position, MaxDaily: v.MaxDaily, Reasons: v.Reasons}, &errs)
	if !errs.any() {
		it := storage.CheckItem{ID: v.ID, Name: name, Position: pos, MaxDaily: maxDaily, Active: v.Active}
		for _, l := range lines {
			it.Reasons = append(it.Reasons, storage.CheckReason{Text: l.Text, Points: l.Points})
		}
		err := s.st.SaveCheckItem(r.Context(), schoolOf(r), actor(r), &it)
		if err == nil {
			s.redirect(w, r, "/checks/items", "检查项目已保存")
			return
		}
		if !isRefusal(err) {
			s.notFoundOr(w, r, err)
			return
		}
		errs.add(err.Error())
	}
	d, err := s.checksItemsData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Errors = errs
	if v.ID == 0 {
		d.New = v
	}
	for i := range d.Items {
		if d.Items[i].ID == v.ID {
			d.Items[i] = v
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "checks_items", "检查项目与设置", d)
}

// checksItemDefaults gives a school without items the default five.
func (s *Server) checksItemDefaults(w http.ResponseWriter, r *http.Request) {
	if err := s.st.AdoptDefaultCheckItems(r.Context(), schoolOf(r), actor(r)); err != nil {
		s.refusedOr(w, r, err, "/checks/items")
		return
	}
	s.redirect(w, r, "/checks/items", "已添加默认检查项目")
}

// checksSettingsSave stores the base score, the flags per grade and the
// two permissions of the council and the duty teachers.
func (s *Server) checksSettingsSave(w http.ResponseWriter, r *http.Request) {
	var errs formErrors
	base, flags := validate.CheckSettings(validate.CheckSettingsText{BaseScore: field(r, "base_score"), FlagsPerGrade: field(r, "flags_per_grade")}, &errs)
	if errs.any() {
		s.flashError(r, strings.Join(errs, "；"))
		http.Redirect(w, r, "/checks/items", http.StatusSeeOther)
		return
	}
	set := storage.CheckSettings{BaseScore: base, FlagsPerGrade: flags, CouncilConfirm: checked(r, "council_confirm"), DutyPublish: checked(r, "duty_publish")}
	if err := s.st.SaveCheckSettings(r.Context(), schoolOf(r), actor(r), set); err != nil {
		s.refusedOr(w, r, err, "/checks/items")
		return
	}
	s.redirect(w, r, "/checks/items", "设置已保存")
}
