package ui

import (
	"net/http"
	"slices"
	"strconv"

	"zhijiao/internal/conduct"
)

type rulesData struct {
	Saved      []conduct.Rule
	Default    conduct.Rule
	Form       conduct.Rule
	Categories []string
	Errors     formErrors
}

// familyRules lists the school's thresholds (提醒规则) with a form to add
// one; without saved rules the default is in force, and the page says so.
func (s *Server) familyRules(w http.ResponseWriter, r *http.Request) {
	s.familyRulesPage(w, r, http.StatusOK, rulesData{Form: conduct.DefaultRule})
}

func (s *Server) familyRulesPage(w http.ResponseWriter, r *http.Request, status int, d rulesData) {
	saved, err := s.st.ConductRules(r.Context(), schoolOf(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// A threshold may be limited to one of the school's habit categories.
	cats, err := s.habitNames(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Saved, d.Default, d.Categories = saved, conduct.DefaultRule, cats
	s.render(w, r, status, "family_rules", "德育提醒规则", d)
}

// familyRuleCreate saves a threshold; a bad one is shown back with its
// errors and nothing is saved.
func (s *Server) familyRuleCreate(w http.ResponseWriter, r *http.Request) {
	count, err1 := strconv.Atoi(field(r, "count"))
	days, err2 := strconv.Atoi(field(r, "days"))
	rule := conduct.Rule{Count: count, Days: days, Category: field(r, "category"),
		TellParents: checked(r, "tell_parents"), TellHeadTeacher: checked(r, "tell_head_teacher")}
	var errs formErrors
	if err1 != nil || err2 != nil {
		errs.add("次数和天数须为整数")
	} else if msg := rule.Check(); msg != "" {
		errs.add(msg)
	}
	if rule.Category != "" {
		cats, err := s.habitNames(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if !slices.Contains(cats, rule.Category) {
			errs.add("请选择类别") // a category no record has would never alert
		}
	}
	if !errs.any() {
		err := s.st.AddConductRule(r.Context(), schoolOf(r), actor(r), &rule)
		if err == nil {
			s.redirect(w, r, "/conduct/alert-rules", "已保存提醒规则")
			return
		}
		errs.addErr("", err)
	}
	s.familyRulesPage(w, r, http.StatusUnprocessableEntity, rulesData{Form: rule, Errors: errs})
}

// familyRuleDelete removes a threshold of the user's school; alerts it
// raised keep their words.
func (s *Server) familyRuleDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	if err := s.st.DeleteConductRule(r.Context(), schoolOf(r), actor(r), id); err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	s.redirect(w, r, "/conduct/alert-rules", "已删除提醒规则")
}
