package research

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// RuleSet is a school's rule table of the 科研考核, stored as JSON in one
// version of research_rule_sets. An assessment pins a version, so these
// fields are a stored format: add fields, never rename them.
type RuleSet struct {
	// Points are the base points of one output (or one 课题 stage) for
	// one contributor before the rank decay.
	Points []PointRule `json:"points"`
	// Decay is the factor of the contributor at position 1, 2, 3 …;
	// positions past the list take DecayLater. Shares agreed by a team
	// replace the decay when UseShares is set and every contributor of
	// the output has one.
	Decay      []float64 `json:"decay"`
	DecayLater float64   `json:"decay_later"`
	UseShares  bool      `json:"use_shares"`
	// KindCaps caps one person's points of a kind in one term; TermCap
	// caps one person's total of the term. 0 means no cap.
	KindCaps map[Kind]float64 `json:"kind_caps,omitempty"`
	TermCap  float64          `json:"term_cap"`
}

// PointRule gives points to outputs that match it. An empty Level,
// Grade, Stage or Role matches any; when several rules match, the one
// naming the most fields wins, and among those the first in the table.
type PointRule struct {
	Kind   Kind    `json:"kind"`
	Level  string  `json:"level,omitempty"`
	Grade  string  `json:"grade,omitempty"`
	Stage  string  `json:"stage,omitempty"`
	Role   string  `json:"role,omitempty"`
	Points float64 `json:"points"`
}

// MaxPoints bounds any one rule or cap: a typo of 5000 for 50 is caught.
const MaxPoints = 1000

// Label is the rule as a reader says it: "课题·国家级·结题".
func (r PointRule) Label() string {
	parts := []string{r.Kind.Name()}
	for _, p := range []string{r.Level, r.Grade, r.Stage, r.Role} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "·")
}

// specificity counts the fields a rule names, for choosing among matches.
func (r PointRule) specificity() int {
	n := 0
	for _, p := range []string{r.Level, r.Grade, r.Stage, r.Role} {
		if p != "" {
			n++
		}
	}
	return n
}

func (r PointRule) matches(c Credit) bool {
	return r.Kind == c.Kind && (r.Level == "" || r.Level == c.Level) && (r.Grade == "" || r.Grade == c.Grade) &&
		(r.Stage == "" || r.Stage == c.Stage) && (r.Role == "" || r.Role == c.Role)
}

// match returns the rule for a credit, and false when none applies.
func (rs RuleSet) match(c Credit) (PointRule, bool) {
	best, found := PointRule{}, false
	for _, r := range rs.Points {
		if r.matches(c) && (!found || r.specificity() > best.specificity()) {
			best, found = r, true
		}
	}
	return best, found
}

// RankFactor is the decay of the contributor at position pos (1-based).
func (rs RuleSet) RankFactor(pos int) float64 {
	if pos >= 1 && pos <= len(rs.Decay) {
		return rs.Decay[pos-1]
	}
	return rs.DecayLater
}

// Validate checks a rule set and reports every problem in Chinese, one
// per line, so the form can show them all at once.
func (rs RuleSet) Validate() error {
	var errs []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	if len(rs.Points) == 0 {
		bad("规则表至少需要一条计分规则")
	}
	seen := map[PointRule]int{}
	for i, r := range rs.Points {
		errs = append(errs, r.problems(i+1)...)
		key := r
		key.Points = 0
		if j, ok := seen[key]; ok {
			bad("第 %d 条规则与第 %d 条条件相同（%s），请合并", i+1, j, r.Label())
		}
		seen[key] = i + 1
	}
	if len(rs.Decay) == 0 {
		bad("请至少填写第一作者（第 1 位）的系数")
	}
	for i, f := range rs.Decay {
		if f <= 0 || f > 1 {
			bad("第 %d 位的系数 %g 应大于 0 且不超过 1", i+1, f)
		}
		if i > 0 && f > rs.Decay[i-1] {
			bad("第 %d 位的系数 %g 大于第 %d 位的 %g，排名靠后的系数不应更高", i+1, f, i, rs.Decay[i-1])
		}
	}
	if rs.DecayLater < 0 || rs.DecayLater > 1 {
		bad("其余位次的系数 %g 应在 0 到 1 之间", rs.DecayLater)
	}
	for k, c := range rs.KindCaps {
		if !k.Valid() {
			bad("封顶设置中的类别“%s”不存在", k)
		} else if c < 0 || c > MaxPoints {
			bad("%s每学期封顶 %g 分应在 0 到 %d 之间（0 表示不封顶）", k.Name(), c, MaxPoints)
		}
	}
	if rs.TermCap < 0 || rs.TermCap > 10*MaxPoints {
		bad("每人每学期总分封顶 %g 应在 0 到 %d 之间（0 表示不封顶）", rs.TermCap, 10*MaxPoints)
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}

// problems lists what is wrong with rule number n.
func (r PointRule) problems(n int) []string {
	var errs []string
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Sprintf("第 %d 条规则：", n)+fmt.Sprintf(format, a...))
	}
	if !r.Kind.Valid() {
		bad("类别“%s”不存在", r.Kind)
	}
	if r.Level != "" && !slices.Contains(Levels, r.Level) {
		bad("级别“%s”不在%s之中", r.Level, strings.Join(Levels, "、"))
	}
	if len([]rune(r.Grade)) > 20 {
		bad("等级“%s”过长（最多 20 个字）", r.Grade)
	}
	if r.Stage != "" && (r.Kind != KindProject || !slices.Contains(Stages, r.Stage)) {
		bad("阶段“%s”只用于课题，应为%s之一", r.Stage, strings.Join(Stages, "、"))
	}
	if r.Role != "" && !slices.Contains(ContributorRoles, r.Role) {
		bad("署名角色“%s”不在%s之中", r.Role, strings.Join(ContributorRoles, "、"))
	}
	if r.Points < 0 || r.Points > MaxPoints {
		bad("分值 %g 应在 0 到 %d 之间", r.Points, MaxPoints)
	}
	return errs
}
