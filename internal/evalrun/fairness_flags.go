package evalrun

import (
	"fmt"
	"math"

	"zhijiao/internal/model"
	"zhijiao/internal/stats"
)

// The rater groups of stats.RaterChecks: raters are compared only with
// raters of the same kind, since a parent and a classmate may rightly see a
// student differently. A student's self-ratings are a group of their own
// (only the self gap and straight-lining use them).
const (
	groupPeer = iota + 1
	groupParent
	groupTeacher // 班主任 and 任课教师 together
	groupMentor
	groupSelf
)

// RaterGroup is the comparison group of a rater role (peers among peers,
// parents among parents, teachers among teachers, mentors among mentors;
// self-ratings apart): 1 to 5.
func RaterGroup(role model.RaterRole) int {
	switch role {
	case model.RaterPeer:
		return groupPeer
	case model.RaterParent:
		return groupParent
	case model.RaterHeadTeacher, model.RaterSubjectTeacher:
		return groupTeacher
	case model.RaterMentor:
		return groupMentor
	}
	return groupSelf
}

// RaterFlag is one rater (or, for a self gap, one student) worth a second
// look, with the reason in plain words in Chinese and English.
type RaterFlag struct {
	Kind     stats.FlagKind
	Role     model.RaterRole // the rater's role; RaterSelf for a self gap
	RaterID  int64           // the rater's id in that role (a student id for self and peer)
	Ratings  int             // the ratings the flag rests on (indicators for a self gap)
	Steps    float64         // how far, in scale steps (signed); the position given for 全部同分
	T        float64         // the test statistic of 偏宽/偏严 (0 for the others)
	Reason   string
	ReasonEn string
	// Name names a flagged 班主任, 任课教师 or 家长 for the staff who see the
	// flags (set by Fairness); classmates are named from Names instead.
	Name string
}

// groupWords names a group's raters in a reason: whom they rate and whom
// they are compared with, in Chinese and English.
var groupWords = map[int][4]string{
	groupPeer:    {"给同学的评分", "其他同学评价人", "Their ratings of classmates are", "the other classmates who rated the same students"},
	groupParent:  {"给孩子的评分", "其他家长（以教师等评价人的评分为参照）", "Their ratings of their child are", "other parents (measured against the teachers' and others' ratings)"},
	groupTeacher: {"给学生的评分", "其他教师", "Their ratings of students are", "the other teachers who rated the same students"},
	groupMentor:  {"给学生的评分", "其他企业导师", "Their ratings of students are", "the other mentors who rated the same students"},
}

// flagsOf runs the rater checks and turns what they found into RaterFlags:
// the straight-liners, the raters whose leniency or severity is significant,
// and the students whose self-rating is more than a step from the others'.
func flagsOf(ratings []stats.CheckRating, scales []stats.Scale) []RaterFlag {
	rep := stats.RaterChecks(ratings, scales, stats.CheckConfig{})
	var out []RaterFlag
	for _, s := range rep.Straight {
		role, id := RaterOf(s.Rater)
		f := RaterFlag{Kind: stats.FlagStraightLine, Role: role, RaterID: id, Ratings: s.Ratings, Steps: s.Steps}
		if s.AtTop {
			f.Reason = fmt.Sprintf("%d 次评分全部给了最高档", s.Ratings)
			f.ReasonEn = fmt.Sprintf("All %d ratings are the top of the scale", s.Ratings)
		} else {
			f.Reason = fmt.Sprintf("%d 次评分全部给了同一档（量表第 %s 级）", s.Ratings, trimNum(s.Steps+1))
			f.ReasonEn = fmt.Sprintf("All %d ratings are the same step of the scale (step %s)", s.Ratings, trimNum(s.Steps+1))
		}
		out = append(out, f)
	}
	for _, s := range rep.Severity {
		if s.Kind == "" {
			continue
		}
		role, id := RaterOf(s.Rater)
		w := groupWords[s.Group]
		cn, en := "高", "higher"
		if s.Steps < 0 {
			cn, en = "低", "lower"
		}
		f := RaterFlag{Kind: s.Kind, Role: role, RaterID: id, Ratings: s.Shared, Steps: s.Steps, T: s.T}
		f.Reason = fmt.Sprintf("%s平均比%s%s %.1f 级（%d 次评分，显著）", w[0], w[1], cn, math.Abs(s.Steps), s.Shared)
		f.ReasonEn = fmt.Sprintf("%s on average %.1f steps %s than %s (%d ratings, significant)", w[2], math.Abs(s.Steps), en, w[3], s.Shared)
		out = append(out, f)
	}
	for _, g := range rep.SelfGaps {
		if g.Kind == "" {
			continue
		}
		cn, en := "高", "higher"
		if g.Steps < 0 {
			cn, en = "低", "lower"
		}
		f := RaterFlag{Kind: g.Kind, Role: model.RaterSelf, RaterID: g.Target, Ratings: g.Items, Steps: g.Steps}
		f.Reason = fmt.Sprintf("自评平均比他人评价%s %.1f 级（%d 个指标）", cn, math.Abs(g.Steps), g.Items)
		f.ReasonEn = fmt.Sprintf("Their self-ratings are on average %.1f steps %s than others' ratings (%d indicators)", math.Abs(g.Steps), en, g.Items)
		out = append(out, f)
	}
	return out
}

// trimNum writes a step position without a needless ".0".
func trimNum(x float64) string {
	if x == math.Trunc(x) {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.1f", x)
}
