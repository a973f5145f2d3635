package portrait

import (
	"fmt"
	"sort"
)

// Score is one dimension's or indicator's score beside its class average.
type Score struct {
	Name     string  `json:"name"`
	Score    float64 `json:"score"`
	ClassAvg float64 `json:"class_avg"`
}

// Growth is a total score of an earlier term, oldest first.
type Growth struct {
	Term  string  `json:"term"`
	Total float64 `json:"total"`
}

// Summary is what the student portrait says in words.
type Summary struct {
	Strengths []string `json:"strengths"`
	Improve   []string `json:"improve"`
	Trend     string   `json:"trend,omitempty"`
}

// advice is what to work on, per dimension, in the words a head teacher
// would use. Dimensions not listed get a general sentence.
var advice = map[string]string{
	"德":    "多参加主题班会和志愿服务，做到遵规守纪、关心集体。",
	"智":    "制定每周学习计划，课前预习、课后整理笔记，按时完成作业。",
	"体":    "坚持每天锻炼一小时，积极参加体育课和阳光体育活动。",
	"美":    "多参加艺术社团、校园文化活动，提升审美与表达。",
	"劳":    "主动承担值日和实训场地整理，参加校内外劳动实践。",
	"职业技能": "利用实训课和技能兴趣小组多练手，争取参加技能竞赛、考取职业技能等级证书。",
	"习惯养成": "从按时作息、整理内务、文明用语这些日常小事做起，坚持 21 天养成好习惯。",
}

// How far from the class average a score must be to be called a strength
// or something to improve, and the absolute marks that count on their own.
const (
	margin     = 5.0
	strongMark = 90.0
	weakMark   = 70.0
)

// Summarize turns dimension and indicator scores into plain Chinese by
// fixed rules (no external service): a dimension is a strength when it is
// at least 90 or 5 points above the class average, something to improve
// when it is below 70 or 5 points below the class average; the two best and
// two weakest indicators are named beside them. growth, oldest first, adds
// a sentence on the trend of the total.
func Summarize(dims, indicators []Score, growth []Growth) Summary {
	var s Summary
	for _, d := range dims {
		diff := d.Score - d.ClassAvg
		switch {
		case d.Score >= strongMark || diff >= margin:
			s.Strengths = append(s.Strengths, fmt.Sprintf("%s得分 %.1f，%s，是你的优势，继续保持。", d.Name, d.Score, relation(diff)))
		case d.Score < weakMark || diff <= -margin:
			tip := advice[d.Name]
			if tip == "" {
				tip = "可以和班主任一起找出差距，定一个小目标。"
			}
			s.Improve = append(s.Improve, fmt.Sprintf("%s得分 %.1f，%s。建议：%s", d.Name, d.Score, relation(diff), tip))
		}
	}
	ranked := append([]Score(nil), indicators...)
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].Score-ranked[i].ClassAvg > ranked[j].Score-ranked[j].ClassAvg })
	for i := 0; i < len(ranked) && i < 2; i++ {
		if d := ranked[i].Score - ranked[i].ClassAvg; d >= margin {
			s.Strengths = append(s.Strengths, fmt.Sprintf("指标“%s”%.1f 分，%s。", ranked[i].Name, ranked[i].Score, relation(d)))
		}
	}
	for i := len(ranked) - 1; i >= 0 && i >= len(ranked)-2; i-- {
		if d := ranked[i].Score - ranked[i].ClassAvg; d <= -margin {
			s.Improve = append(s.Improve, fmt.Sprintf("指标“%s”%.1f 分，%s，值得多下功夫。", ranked[i].Name, ranked[i].Score, relation(d)))
		}
	}
	if len(s.Strengths) == 0 {
		s.Strengths = append(s.Strengths, "各方面发展比较均衡，可以选一项自己感兴趣的方向重点突破。")
	}
	if len(growth) >= 2 {
		first, last := growth[len(growth)-2], growth[len(growth)-1]
		switch d := last.Total - first.Total; {
		case d >= 1:
			s.Trend = fmt.Sprintf("与%s相比，总分提高了 %.1f 分，进步明显。", first.Term, d)
		case d <= -1:
			s.Trend = fmt.Sprintf("与%s相比，总分下降了 %.1f 分，需要找找原因。", first.Term, -d)
		default:
			s.Trend = fmt.Sprintf("与%s相比，总分基本持平。", first.Term)
		}
	}
	return s
}

func relation(diff float64) string {
	switch {
	case diff >= 0.05:
		return fmt.Sprintf("高于班级平均 %.1f 分", diff)
	case diff <= -0.05:
		return fmt.Sprintf("低于班级平均 %.1f 分", -diff)
	}
	return "与班级平均持平"
}
