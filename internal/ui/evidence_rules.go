package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// The 加分规则 table: the school's latest stored version, or the shipped
// default until the school adopts or saves one. Saving always makes a new
// version (storage.SaveEvidencePolicy).

type ruleView struct {
	model.EvidenceRule
	Text string // "国家级 一等奖 → 技能竞赛(J03) +10"
}

type capView struct {
	model.EvidenceCap
	Name string
}

type evidenceRulesData struct {
	Policy    model.EvidencePolicy
	Rules     []ruleView
	Caps      []capView
	Version   int // 0 = not stored yet: the shipped default is shown
	Framework model.Framework
}

// policyFramework is the framework rules are checked against: the school's
// default framework, or the shipped one.
func (s *Server) policyFramework(r *http.Request) (model.Framework, error) {
	f, err := s.st.DefaultFramework(r.Context(), schoolOf(r))
	if errors.Is(err, storage.ErrNotFound) {
		return eval.DefaultFramework(), nil
	}
	return f, err
}

// currentPolicy is the latest stored rule table and its version, or the
// shipped default with version 0.
func (s *Server) currentPolicy(r *http.Request) (model.EvidencePolicy, int, error) {
	p, v, err := s.st.EvidencePolicy(r.Context(), schoolOf(r), 0)
	if errors.Is(err, storage.ErrNotFound) {
		return eval.DefaultEvidencePolicy(), 0, nil
	}
	return p, v, err
}

func signed(x float64) string {
	if x >= 0 {
		return "+" + num(x)
	}
	return num(x)
}

func teamName(t string) string {
	switch t {
	case model.TeamIndividual:
		return "个人"
	case model.TeamOnly:
		return "团体"
	}
	return ""
}

func modeName(m string) string {
	switch m {
	case model.RuleFixed:
		return "每条记录"
	case model.RulePerHour:
		return "每小时"
	case model.RuleRecord:
		return "按记录分值"
	}
	return m
}

// ruleText says a rule in one line of Chinese.
func ruleText(r model.EvidenceRule, names map[string]string) string {
	cond := r.Kind.Name()
	for _, x := range []string{r.Category, r.Level, r.Prize, teamName(r.Team)} {
		if x != "" {
			cond += " " + x
		}
	}
	target := r.IndicatorCode
	if n := names[r.IndicatorCode]; n != "" {
		target = n + "(" + r.IndicatorCode + ")"
	}
	pts := signed(r.Points)
	switch r.Mode {
	case model.RulePerHour:
		pts = "每小时 " + pts
	case model.RuleRecord:
		pts = "× 记录分值"
		if r.Points != 1 {
			pts = "× 记录分值 × " + num(r.Points)
		}
	}
	return cond + " → " + target + " " + pts
}

func indicatorNames(f model.Framework) map[string]string {
	m := map[string]string{}
	for _, ind := range eval.Indicators(f) {
		m[ind.Code] = ind.Name
	}
	return m
}

func policyView(p model.EvidencePolicy, v int, f model.Framework) evidenceRulesData {
	names := indicatorNames(f)
	d := evidenceRulesData{Policy: p, Version: v, Framework: f}
	for _, r := range p.Rules {
		d.Rules = append(d.Rules, ruleView{EvidenceRule: r, Text: ruleText(r, names)})
	}
	for _, c := range p.Caps {
		d.Caps = append(d.Caps, capView{EvidenceCap: c, Name: names[c.IndicatorCode]})
	}
	return d
}

func (s *Server) evidenceRules(w http.ResponseWriter, r *http.Request) {
	p, v, err := s.currentPolicy(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f, err := s.policyFramework(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "evidence_rules", "加分规则", policyView(p, v, f))
}

// evidenceRulesAdopt stores the shipped default table as version 1.
func (s *Server) evidenceRulesAdopt(w http.ResponseWriter, r *http.Request) {
	_, v, err := s.currentPolicy(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if v > 0 {
		s.redirect(w, r, "/evidence-rules", "")
		return
	}
	p := eval.DefaultEvidencePolicy()
	f, err := s.policyFramework(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := eval.ValidatePolicy(p, f); err != nil {
		s.flashError(r, err.Error())
		s.redirect(w, r, "/evidence-rules", "")
		return
	}
	if _, err := s.st.SaveEvidencePolicy(r.Context(), schoolOf(r), actor(r), p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.redirect(w, r, "/evidence-rules", "已采用默认加分规则")
}

// Edit form rows: rules r.<i>.<field>, caps c.<i>.<field>, term_cap.
// Blank rows are ignored and a row with "删除" ticked is dropped, so rows
// are added and removed without script.

type ruleRow struct {
	Kind, Category, Level, Prize, Team, Indicator, Mode, Points, Note string
}

type capRow struct {
	Indicator, MaxBonus, MaxDeduction string
}

type choice struct{ Key, Name string }

type evidenceFormData struct {
	Rules      []ruleRow
	Caps       []capRow
	TermCap    string
	Version    int
	Indicators []model.Indicator
	Kinds      []choice
	Teams      []choice
	Modes      []choice
	Errors     formErrors
}

const blankRows = 3

func evidenceForm(p model.EvidencePolicy, v int, f model.Framework) evidenceFormData {
	d := evidenceFormData{Version: v, Indicators: eval.Indicators(f), TermCap: formNum(p.TermCap)}
	for _, r := range p.Rules {
		d.Rules = append(d.Rules, ruleRow{Kind: string(r.Kind), Category: r.Category, Level: r.Level, Prize: r.Prize, Team: r.Team,
			Indicator: r.IndicatorCode, Mode: r.Mode, Points: num(r.Points), Note: r.Note})
	}
	for _, c := range p.Caps {
		d.Caps = append(d.Caps, capRow{Indicator: c.IndicatorCode, MaxBonus: formNum(c.MaxBonus), MaxDeduction: formNum(c.MaxDeduction)})
	}
	return d.withChoices()
}

func (d evidenceFormData) withChoices() evidenceFormData {
	d.Kinds = nil
	for _, k := range model.EvidenceKinds {
		d.Kinds = append(d.Kinds, choice{string(k), k.Name()})
	}
	d.Teams = []choice{{model.TeamAny, "不限"}, {model.TeamIndividual, "个人"}, {model.TeamOnly, "团体"}}
	d.Modes = []choice{{model.RuleFixed, "每条记录"}, {model.RulePerHour, "每小时"}, {model.RuleRecord, "按记录分值"}}
	for i := 0; i < blankRows; i++ {
		d.Rules = append(d.Rules, ruleRow{Mode: model.RuleFixed})
	}
	d.Caps = append(d.Caps, capRow{})
	return d
}

func (s *Server) evidenceRulesEdit(w http.ResponseWriter, r *http.Request) {
	p, v, err := s.currentPolicy(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f, err := s.policyFramework(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "evidence_rules_form", "编辑加分规则", evidenceForm(p, v, f))
}

// evidenceRulesSave validates the posted table with eval.ValidatePolicy
// against the school's default framework and saves it as a new version.
func (s *Server) evidenceRulesSave(w http.ResponseWriter, r *http.Request) {
	f, err := s.policyFramework(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	_, v, err := s.currentPolicy(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p, d, errs := policyFromForm(r)
	if !errs.any() {
		if err := eval.ValidatePolicy(p, f); err != nil {
			for _, m := range validationProblems(err) {
				errs.add(m)
			}
		}
	}
	if !errs.any() {
		if _, err := s.st.SaveEvidencePolicy(r.Context(), schoolOf(r), actor(r), p); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.redirect(w, r, "/evidence-rules", "已保存加分规则")
		return
	}
	d.Version, d.Indicators, d.Errors = v, eval.Indicators(f), errs
	s.render(w, r, http.StatusUnprocessableEntity, "evidence_rules_form", "编辑加分规则", d.withChoices())
}

// policyFromForm reads the posted rule and cap rows (blank and deleted
// rows skipped) and the term cap; the form data keeps what was typed.
func policyFromForm(r *http.Request) (model.EvidencePolicy, evidenceFormData, formErrors) {
	r.ParseForm()
	var errs formErrors
	var p model.EvidencePolicy
	d := evidenceFormData{TermCap: field(r, "term_cap")}
	for i := 0; i < 1000; i++ {
		k := "r." + strconv.Itoa(i) + "."
		if _, ok := r.PostForm[k+"mode"]; !ok {
			break
		}
		row := ruleRow{Kind: field(r, k+"kind"), Category: field(r, k+"category"), Level: field(r, k+"level"), Prize: field(r, k+"prize"),
			Team: field(r, k+"team"), Indicator: field(r, k+"indicator"), Mode: field(r, k+"mode"), Points: field(r, k+"points"), Note: field(r, k+"note")}
		if checked(r, k+"delete") || (row.Indicator == "" && row.Points == "" && row.Category == "" && row.Level == "" && row.Prize == "" && row.Note == "") {
			continue
		}
		d.Rules = append(d.Rules, row)
		pts, err := validate.Number(row.Points)
		if err != nil {
			errs.add(fmt.Sprintf("第 %d 条加分规则的分值不是有效的数字", len(d.Rules)))
		}
		p.Rules = append(p.Rules, model.EvidenceRule{Kind: model.EvidenceKind(row.Kind), Category: row.Category, Level: row.Level, Prize: row.Prize,
			Team: row.Team, IndicatorCode: row.Indicator, Mode: row.Mode, Points: pts, Note: row.Note})
	}
	for i := 0; i < 1000; i++ {
		k := "c." + strconv.Itoa(i) + "."
		if _, ok := r.PostForm[k+"indicator"]; !ok {
			break
		}
		row := capRow{Indicator: field(r, k+"indicator"), MaxBonus: field(r, k+"max_bonus"), MaxDeduction: field(r, k+"max_deduction")}
		if checked(r, k+"delete") || (row.Indicator == "" && row.MaxBonus == "" && row.MaxDeduction == "") {
			continue
		}
		d.Caps = append(d.Caps, row)
		c := model.EvidenceCap{IndicatorCode: row.Indicator}
		c.MaxBonus = parseCap(&errs, "指标“"+row.Indicator+"”的加分上限", row.MaxBonus)
		c.MaxDeduction = parseCap(&errs, "指标“"+row.Indicator+"”的扣分上限", row.MaxDeduction)
		p.Caps = append(p.Caps, c)
	}
	p.TermCap = parseCap(&errs, "学期加分上限", d.TermCap)
	if len(p.Rules) == 0 {
		errs.add("加分规则表至少需要一条规则")
	}
	return p, d, errs
}

// parseCap reads a cap: empty is "not bounded here", and a typed 0 is
// refused, so that 0 never silently means "no cap".
func parseCap(errs *formErrors, label, v string) float64 {
	x := parseNum(errs, label, v, true)
	if strings.TrimSpace(v) != "" && x == 0 {
		errs.add(label + "不能为 0（不限请留空）")
	}
	return x
}
