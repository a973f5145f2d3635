package ui

import (
	"net/http"
	"strconv"
	"strings"

	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// The 科研考核 rule table as a form: every rule a row, the rank decay,
// the shares and the caps; saving stores a new version and assessments
// keep the version they pinned.

type researchRulesPage struct {
	Current    storage.ResearchRuleVersion
	Rules      research.RuleSet
	Rows       []research.PointRule // the rules and a few blank rows to add
	Decay      []string             // positions 1..5 in percent, blank past the set's list
	DecayLater string
	Versions   []storage.ResearchRuleVersion
	Kinds      []research.Kind
	Levels     []string
	Stages     []string
	Roles      []string
	Note       string
	Errors     formErrors
}

// blankRuleRows is how many empty rows the form offers for new rules.
const blankRuleRows = 5

func (s *Server) researchRulesData(r *http.Request, rs *research.RuleSet) (researchRulesPage, error) {
	cur, err := s.st.ResearchRules(r.Context(), schoolOf(r), actor(r))
	if err != nil {
		return researchRulesPage{}, err
	}
	d := researchRulesPage{Current: cur, Rules: cur.Rules, Kinds: research.Kinds, Levels: research.Levels, Stages: research.Stages, Roles: research.ContributorRoles}
	if rs != nil {
		d.Rules = *rs
	}
	d.Rows = append(append(d.Rows, d.Rules.Points...), make([]research.PointRule, blankRuleRows)...)
	for i := range 5 {
		v := ""
		if i < len(d.Rules.Decay) {
			v = num(d.Rules.Decay[i] * 100)
		}
		d.Decay = append(d.Decay, v)
	}
	d.DecayLater = num(d.Rules.DecayLater * 100)
	d.Versions, err = s.st.ResearchRuleVersions(r.Context(), schoolOf(r))
	return d, err
}

func (s *Server) researchRules(w http.ResponseWriter, r *http.Request) {
	d, err := s.researchRulesData(r, nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "research_rules", "科研考核规则", d)
}

// researchRulesSave reads the form into a rule set and stores it as the
// next version; any problem shows the form again with what was typed.
func (s *Server) researchRulesSave(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	var errs formErrors
	rs := researchRulesForm(r, &errs)
	note := field(r, "note")
	maxLen(&errs, "修改说明", note, 200)
	if !errs.any() {
		v, err := s.st.SaveResearchRules(r.Context(), schoolOf(r), actor(r), rs, note)
		if err == nil {
			s.redirect(w, r, "/research/rules", "已保存为第 "+strconv.Itoa(v.Version)+" 版规则")
			return
		}
		if !refused(err) {
			s.serverError(w, r, err)
			return
		}
		errs.addErr("", err)
	}
	d, err := s.researchRulesData(r, &rs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Errors, d.Note = errs, note
	s.render(w, r, http.StatusUnprocessableEntity, "research_rules", "科研考核规则", d)
}

// researchRulesForm reads the rule rows (a row with no kind is left out),
// the decay in percent, the shares and the caps.
func researchRulesForm(r *http.Request, errs *formErrors) research.RuleSet {
	rs := research.RuleSet{UseShares: checked(r, "use_shares"), KindCaps: map[research.Kind]float64{}}
	kinds, levels, grades, stages, roles, pts := r.Form["kind"], r.Form["level"], r.Form["grade"], r.Form["stage"], r.Form["role"], r.Form["points"]
	at := func(vs []string, i int) string {
		if i < len(vs) {
			return vs[i]
		}
		return ""
	}
	for i, k := range kinds {
		if k == "" {
			continue
		}
		p, err := validate.Number(at(pts, i))
		if err != nil {
			errs.add("第 " + strconv.Itoa(i+1) + " 行的分值“" + at(pts, i) + "”不是数字")
		}
		rs.Points = append(rs.Points, research.PointRule{Kind: research.Kind(k), Level: at(levels, i), Grade: at(grades, i), Stage: at(stages, i), Role: at(roles, i), Points: p})
	}
	number := func(label, v string) float64 {
		if v == "" {
			return 0
		}
		f, err := validate.Number(v)
		if err != nil {
			errs.add(label + "“" + v + "”不是数字")
		}
		return f
	}
	for i, v := range r.Form["decay"] {
		if v != "" {
			rs.Decay = append(rs.Decay, number("第 "+strconv.Itoa(i+1)+" 位系数", v)/100)
		}
	}
	rs.DecayLater = number("其余位次系数", field(r, "decay_later")) / 100
	for _, k := range research.Kinds {
		if c := number(k.Name()+"封顶", field(r, "cap_"+string(k))); c != 0 {
			rs.KindCaps[k] = c
		}
	}
	rs.TermCap = number("总分封顶", field(r, "term_cap"))
	return rs
}

// researchRuleVersion shows one stored version and what changed from the
// version before it.
func (s *Server) researchRuleVersion(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	v, err := s.st.ResearchRuleSet(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	vs, err := s.st.ResearchRuleVersions(r.Context(), schoolOf(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := struct {
		Version storage.ResearchRuleVersion
		Prev    int
		Changes []string
		Decay   string
	}{Version: v, Decay: decayText(v.Rules)}
	for _, p := range vs {
		if p.Version == v.Version-1 {
			d.Prev, d.Changes = p.Version, research.Diff(p.Rules, v.Rules)
		}
	}
	s.render(w, r, http.StatusOK, "research_rules_version", "科研考核规则", d)
}

// decayText is the rank decay as the rule table says it, in percent.
func decayText(rs research.RuleSet) string {
	var b strings.Builder
	for i, f := range rs.Decay {
		if i > 0 {
			b.WriteString("、")
		}
		b.WriteString(strconv.Itoa(i+1) + ": " + num(f*100) + "%")
	}
	return b.String() + "、… " + num(rs.DecayLater*100) + "%"
}
