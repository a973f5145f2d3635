package research

import (
	"fmt"
	"strconv"
)

// Explain says, line by line, why a teacher has their points
// (为什么是这个分数): each record, the rule it met, the rank decay or the
// agreed share, the caps, and the total.
func Explain(tp TeacherPoints) []string {
	out := make([]string, 0, len(tp.Lines)+len(tp.Caps)+1)
	for _, l := range tp.Lines {
		out = append(out, l.Explain())
	}
	for _, h := range tp.Caps {
		scope := "每学期总分"
		if h.Kind != "" {
			scope = h.Kind.Name() + "类每学期"
		}
		out = append(out, fmt.Sprintf("%s封顶 %s 分，超出的 %s 分不计。", scope, Fmt(h.Cap), Fmt(h.Cut)))
	}
	return append(out, fmt.Sprintf("合计 %s 分。", Fmt(tp.Total)))
}

// Explain says one line in a sentence.
func (l Line) Explain() string {
	what := fmt.Sprintf("《%s》（%s，%s，%s）", l.Title, l.Label(), l.DatedOn, l.Who())
	switch {
	case l.Outside:
		return what + "：日期不在本次考核期间，不计分。"
	case l.Rule == "":
		return what + "：没有适用的计分规则，计 0 分。"
	}
	s := fmt.Sprintf("%s：按“%s”%s 分 × %s = %s 分", what, l.Rule, Fmt(l.Base), l.FactorText(), Fmt(l.Raw))
	switch l.CutBy {
	case CutKind:
		s += fmt.Sprintf("，因%s类封顶计 %s 分", l.Kind.Name(), Fmt(l.Counted))
	case CutTerm:
		s += fmt.Sprintf("，因学期总分封顶计 %s 分", Fmt(l.Counted))
	}
	return s + "。"
}

// Label is the credit's kind and classifiers: "课题·国家级·立项".
func (c Credit) Label() string {
	return PointRule{Kind: c.Kind, Level: c.Level, Grade: c.Grade, Stage: c.Stage}.Label()
}

// Who is the teacher's place on the output: "第 2 位·参与".
func (c Credit) Who() string { return fmt.Sprintf("第 %d 位·%s", c.Position, c.Role) }

// FactorText is the factor as the rule table says it.
func (l Line) FactorText() string {
	if l.FactorBy == FactorShare {
		return "约定份额 " + Fmt(l.Share) + "%"
	}
	return fmt.Sprintf("第 %d 位系数 %s%%", l.Position, Fmt(l.Factor*100))
}

// Fmt prints points with at most two decimals and no trailing zeros.
func Fmt(p float64) string { return strconv.FormatFloat(points(cents(p)), 'f', -1, 64) }

// Explain is Explain(tp), for templates.
func (tp TeacherPoints) Explain() []string { return Explain(tp) }
