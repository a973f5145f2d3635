package eval

import (
	"fmt"
	"math"
	"strings"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
)

// ValidatePolicy checks a rule table against the framework it will be used
// with and returns nil or a *ValidationError with Chinese messages. A
// table needs a term cap (a policy without any cap is refused); a cap row
// must bound something, and 0 never stands for "no cap": the form refuses
// a typed 0, and a side left empty is simply not bounded by the row.
func ValidatePolicy(p model.EvidencePolicy, f model.Framework) error {
	codes := map[string]string{}
	for _, ind := range Indicators(f) {
		codes[ind.Code] = ind.Name
	}
	var probs []string
	bad := func(format string, a ...any) { probs = append(probs, fmt.Sprintf(format, a...)) }
	for i, r := range p.Rules {
		row := fmt.Sprintf("第 %d 条加分规则", i+1)
		if !r.Kind.Valid() {
			bad("%s的记录类型“%s”不存在", row, r.Kind)
		}
		if _, ok := codes[r.IndicatorCode]; !ok {
			bad("%s的指标“%s”不在评价方案中", row, r.IndicatorCode)
		}
		switch r.Mode {
		case model.RuleFixed, model.RulePerHour, model.RuleRecord:
		default:
			bad("%s的计分方式“%s”不存在（应为 fixed、per_hour 或 record）", row, r.Mode)
		}
		switch r.Team {
		case model.TeamAny, model.TeamIndividual, model.TeamOnly:
		default:
			bad("%s的个人/团体条件“%s”不存在", row, r.Team)
		}
		if math.IsNaN(r.Points) || math.IsInf(r.Points, 0) || math.Abs(r.Points) > 100 {
			bad("%s的分值应在 -100 到 100 之间", row)
		}
	}
	probs = append(probs, conduct.CheckRules(p, f)...)
	seen := map[string]bool{}
	for _, c := range p.Caps {
		name, ok := codes[c.IndicatorCode]
		if !ok {
			bad("加分上限中的指标“%s”不在评价方案中", c.IndicatorCode)
			continue
		}
		if seen[c.IndicatorCode] {
			bad("指标“%s”的加分上限重复设置", name)
		}
		seen[c.IndicatorCode] = true
		if !(c.MaxBonus >= 0 && c.MaxDeduction >= 0) {
			bad("指标“%s”的加分、扣分上限不能为负", name)
		} else if c.MaxBonus == 0 && c.MaxDeduction == 0 {
			bad("指标“%s”的上限行没有填写任何上限（上限不能为 0；不需要上限请删除该行）", name)
		}
	}
	switch {
	case !(p.TermCap >= 0):
		bad("学期加分上限不能为负")
	case p.TermCap == 0 && len(p.Rules) > 0:
		bad("请设置学期加分上限（大于 0 的分数）：没有上限的加分规则表不能保存")
	}
	if len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	return nil
}

// ruleBook is a policy prepared for matching: rules by evidence kind, with
// indicators as indices into the plan.
type ruleBook struct {
	byKind map[model.EvidenceKind][]preparedRule
	caps   []model.EvidenceCap // by indicator index
	term   float64
}

type preparedRule struct {
	rule        *model.EvidenceRule
	ind         int
	specificity int
	order       int
}

func newRuleBook(p model.EvidencePolicy, pl *plan, ignore func(what string, id int64, reason string)) ruleBook {
	rb := ruleBook{byKind: map[model.EvidenceKind][]preparedRule{}, caps: make([]model.EvidenceCap, len(pl.inds)), term: p.TermCap}
	for i := range p.Rules {
		r := &p.Rules[i]
		ii, ok := pl.indIndex[r.IndicatorCode]
		if !ok {
			// Rules are the school's current table; a cycle pinned to an
			// older framework may lack the indicator. Skip, and say so.
			ignore("rule", r.ID, fmt.Sprintf("加分规则指向的指标“%s”不在本周期的评价方案中", r.IndicatorCode))
			continue
		}
		spec := 0
		for _, s := range []string{r.Category, r.Level, r.Prize, r.Team} {
			if s != "" {
				spec++
			}
		}
		rb.byKind[r.Kind] = append(rb.byKind[r.Kind], preparedRule{rule: r, ind: int(ii), specificity: spec, order: i})
	}
	for _, c := range p.Caps {
		if ii, ok := pl.indIndex[c.IndicatorCode]; ok {
			rb.caps[ii] = c
		}
	}
	return rb
}

// counts reports whether a record may earn points at all: verified, of the
// cycle's term, and for certificates passed.
func counts(e *model.Evidence, termID int64) bool {
	if e.Status != model.EvidenceVerified {
		return false
	}
	if termID != 0 && e.TermID != termID {
		return false
	}
	if e.Kind == model.EvidenceCertificate && !e.Passed {
		return false
	}
	return true
}

func matches(r *model.EvidenceRule, e *model.Evidence) bool {
	if r.Category != "" && r.Category != strings.TrimSpace(e.Category) {
		return false
	}
	if r.Level != "" && r.Level != strings.TrimSpace(e.Level) {
		return false
	}
	if r.Prize != "" && r.Prize != strings.TrimSpace(e.Prize) {
		return false
	}
	switch r.Team {
	case model.TeamIndividual:
		return !e.Team
	case model.TeamOnly:
		return e.Team
	}
	return true
}

func rulePoints(r *model.EvidenceRule, e *model.Evidence) float64 {
	switch r.Mode {
	case model.RulePerHour:
		return r.Points * e.Hours
	case model.RuleRecord:
		return r.Points * e.Points
	}
	return r.Points
}

// evidenceSum is what a student's records give one indicator before caps.
type evidenceSum struct {
	bonus, deduction float64
	usable           float64 // the bonus that can be added: after the indicator's cap and the 100 ceiling
	applied          []model.EvidenceApplied
}

// apply adds one record's points to sums (indexed by indicator): for each
// indicator, the most specific matching rule, ties to the earlier rule.
func (rb *ruleBook) apply(e *model.Evidence, sums []evidenceSum, best []int) {
	rules := rb.byKind[e.Kind]
	for i := range best {
		best[i] = -1
	}
	touched := false
	for ri := range rules {
		pr := &rules[ri]
		if !matches(pr.rule, e) {
			continue
		}
		b := best[pr.ind]
		if b < 0 || pr.specificity > rules[b].specificity {
			best[pr.ind] = ri
			touched = true
		}
	}
	if !touched {
		return
	}
	for ii, ri := range best {
		if ri < 0 {
			continue
		}
		r := rules[ri].rule
		pts := round2(rulePoints(r, e))
		if pts == 0 {
			continue
		}
		s := &sums[ii]
		if pts > 0 {
			s.bonus += pts
		} else {
			s.deduction -= pts
		}
		s.applied = append(s.applied, model.EvidenceApplied{EvidenceID: e.ID, RuleID: r.ID, Title: evidenceTitle(e), Points: pts})
	}
}

// addEvidence applies the caps, the 100 ceiling and the term cap, then
// adds the counted points to each counting indicator and clamps it to
// 0–100. Caps bound what is actually added: a bonus the ceiling cuts off
// (an indicator already near 100) uses up neither its indicator's cap nor
// the term cap. Per indicator, the usable bonus is the bonus cut to the
// indicator's cap and to the room below 100 left after deductions; the
// term cap then scales every usable bonus by the same factor, rounded
// down to the hundredth so that the added bonuses never sum above it.
func addEvidence(res *model.StudentResult, irs []model.IndicatorResult, sums []evidenceSum, rb *ruleBook) {
	var termBonus float64
	for ii := range irs {
		s := &sums[ii]
		s.usable = 0
		if irs[ii].Rated {
			s.usable = usableBonus(irs[ii].RatedScore, *s, rb.caps[ii])
			termBonus += s.usable
		}
	}
	termBonus = round2(termBonus)
	factor := 1.0
	if rb.term > 0 && termBonus > rb.term {
		factor = rb.term / termBonus
	}
	res.TermBonus, res.TermFactor = termBonus, factor
	for ii := range irs {
		ir, sum := &irs[ii], &sums[ii]
		ir.Bonus, ir.Deduction, ir.Evidence = round2(sum.bonus), round2(sum.deduction), sum.applied
		if !ir.Rated {
			continue
		}
		_, d := cappedSums(*sum, rb.caps[ii])
		added := scaledBonus(sum.usable, factor)
		ir.EvidencePoints = round2(added - d)
		raw := round2(ir.RatedScore + ir.EvidencePoints)
		ir.Score = min(max(raw, 0), 100)
		ir.Capped = added < ir.Bonus || d < ir.Deduction || raw != ir.Score
	}
}

// usableBonus is the part of an indicator's bonus that can be added: cut
// to the indicator's cap and to the room between the rated score less the
// deductions and 100.
func usableBonus(rated float64, s evidenceSum, c model.EvidenceCap) float64 {
	b, d := cappedSums(s, c)
	room := max(0, 100-max(0, round2(rated-d)))
	return round2(min(b, room))
}

// scaledBonus is a usable bonus after the term cap's factor, rounded down
// to the hundredth (so the term's added bonuses never exceed the cap).
func scaledBonus(usable, factor float64) float64 {
	if factor >= 1 {
		return usable
	}
	return floor2(usable * factor)
}

// cappedSums cuts an indicator's bonus and deduction to its caps. A 0 in a
// stored cap row means that side has no row bound (rows are written with
// one side only); a typed 0 is refused when the table is saved, so 0 never
// reads as "no cap" to the person typing it.
func cappedSums(s evidenceSum, c model.EvidenceCap) (bonus, deduction float64) {
	bonus, deduction = round2(s.bonus), round2(s.deduction)
	if c.MaxBonus > 0 {
		bonus = min(bonus, c.MaxBonus)
	}
	if c.MaxDeduction > 0 {
		deduction = min(deduction, c.MaxDeduction)
	}
	return bonus, deduction
}

// evidenceTitle is how a record is named in explanations:
// "全国职业院校技能大赛（国家级一等奖，团体）".
func evidenceTitle(e *model.Evidence) string {
	var detail []string
	switch e.Kind {
	case model.EvidenceCompetition:
		detail = append(detail, e.Level+e.Prize)
		if e.Team {
			detail = append(detail, "团体")
		}
	case model.EvidenceCertificate:
		detail = append(detail, strings.TrimSpace(e.Category+" "+e.Level))
	case model.EvidenceHonour:
		detail = append(detail, strings.TrimSpace(e.Level+" "+e.Category))
	case model.EvidenceInternship:
		if e.Level != "" {
			detail = append(detail, "企业导师评价"+e.Level)
		}
	case model.EvidenceService:
		detail = append(detail, num(e.Hours)+" 小时")
	case model.EvidenceBehaviour:
		detail = append(detail, e.Category)
	}
	title := strings.TrimSpace(e.Title)
	if title == "" {
		title = e.Kind.Name()
	}
	var kept []string
	for _, d := range detail {
		if strings.TrimSpace(d) != "" {
			kept = append(kept, strings.TrimSpace(d))
		}
	}
	if len(kept) == 0 {
		return title
	}
	return title + "（" + strings.Join(kept, "，") + "）"
}
