package portrait

import (
	"fmt"
	"slices"
	"strings"

	"zhijiao/internal/research"
)

// The 教改创新成果 block of the 数据画像 (issue 13, docs/research.md §3):
// teaching achievement awards, projects, papers, patents and textbooks the
// school's teachers produced. Only verified outputs that are not deleted
// reach these functions, and an output is one record however many
// teachers share it, so a team output counts once.

// ResearchBlock names the block these KPIs belong to on the page.
const ResearchBlock = "教改创新成果"

// ResearchOutput is one verified research output as the KPIs count it. A
// project (课题) comes once per counted stage: Stage is 立项 or 结题 and
// Date the stage's date; other kinds have no stage and the output's date.
type ResearchOutput struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"` // research.Kind
	Stage string `json:"stage,omitempty"`
	Level string `json:"level,omitempty"` // research.Levels (projects, awards)
	Grade string `json:"grade,omitempty"` // prize, 期刊级别, patent type, 规划教材 level
	Date  string `json:"date"`
	N     int    `json:"n,omitempty"` // records this one stands for (summaries); 0 = 1
}

// researchKPI describes one count of the block: which outputs it takes
// and what it breaks them down by.
type researchKPI struct {
	key, name, def string
	kind           research.Kind
	stage          string
	by             func(ResearchOutput) string
	order          []string // known values in display order; others follow by name
}

func byLevel(o ResearchOutput) string { return o.Level }
func byGrade(o ResearchOutput) string { return o.Grade }

var researchKPIs = []researchKPI{
	{"research_projects_approved", "课题立项", "期内立项（以立项日期计）的已审核课题项数，按课题级别分列；团队课题计 1 项",
		research.KindProject, research.StageApproved, byLevel, research.Levels},
	{"research_projects_concluded", "课题结题", "期内结题（以结题日期计）的已审核课题项数，按课题级别分列；团队课题计 1 项",
		research.KindProject, research.StageConcluded, byLevel, research.Levels},
	{"research_papers", "发表论文", "期内发表（以刊出日期计）的已审核论文篇数，按学校认定的期刊级别分列；多位教师合作的论文计 1 篇",
		research.KindPaper, "", byGrade, research.DefaultJournalGrades},
	{"research_patents", "授权专利", "期内授权（以授权日期计）的已审核专利件数，按专利类型分列",
		research.KindPatent, "", byGrade, research.PatentTypes},
	{"research_textbooks", "出版教材", "期内出版（以出版日期计）的已审核教材种数，按规划教材级别分列；合编教材计 1 种",
		research.KindTextbook, "", byGrade, research.TextbookLevels},
}

// researchUnits are the counting words of each kind.
var researchUnits = map[research.Kind]string{research.KindPaper: "篇", research.KindPatent: "件", research.KindTextbook: "种"}

// researchCount counts the outputs one KPI takes in the period, by its
// breakdown, and the ids it counted.
func researchCount(os []ResearchOutput, p Period, k researchKPI) (total int, by map[string]int, ids []int64) {
	by = map[string]int{}
	for _, o := range os {
		if o.Kind != string(k.kind) || o.Stage != k.stage || !p.Contains(o.Date) {
			continue
		}
		w := weight(o.N)
		total += w
		by[k.by(o)] += w
		ids = appendID(ids, o.ID)
	}
	return total, by, ids
}

// orderedKeys lists the keys of counts: the known values in their order,
// then the others by name, so the same counts always read the same.
func orderedKeys(by map[string]int, order []string) []string {
	var out, rest []string
	for _, v := range order {
		if by[v] > 0 {
			out = append(out, v)
		}
	}
	for v, n := range by {
		if n > 0 && !slices.Contains(order, v) {
			rest = append(rest, v)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// breakdown writes counts as "国家级 1、市级 3" (an empty value as 未分级).
func breakdown(by map[string]int, order []string) string {
	var parts []string
	for _, v := range orderedKeys(by, order) {
		name := v
		if name == "" {
			name = "未分级"
		}
		parts = append(parts, fmt.Sprintf("%s %d", name, by[v]))
	}
	return strings.Join(parts, "、")
}

// researchCountKPI computes one of the block's counts (projects, papers,
// patents, textbooks). Its value reads "12 项（国家级 1、市级 11）".
func researchCountKPI(os []ResearchOutput, p Period, k researchKPI) KPI {
	unit := researchUnits[k.kind]
	if unit == "" {
		unit = "项"
	}
	total, by, ids := researchCount(os, p, k)
	out := countKPI(k.key, k.name, k.def, unit, p, total, ids)
	out.Block = ResearchBlock
	if total > 0 {
		out.Value += "（" + breakdown(by, k.order) + "）"
	}
	return out
}

// TeachingAwardTable counts teaching achievement awards (教学成果奖) in the
// period by level × prize.
func TeachingAwardTable(os []ResearchOutput, p Period) (counts map[string]map[string]int, total int, ids []int64) {
	counts = map[string]map[string]int{}
	for _, o := range os {
		if o.Kind != string(research.KindTeachingAward) || !p.Contains(o.Date) {
			continue
		}
		if counts[o.Level] == nil {
			counts[o.Level] = map[string]int{}
		}
		w := weight(o.N)
		counts[o.Level][o.Grade] += w
		total += w
		ids = appendID(ids, o.ID)
	}
	return counts, total, ids
}

// TeachingAwardHeadline is the sentence the school prints: "国家级教学成果奖
// 一等奖 1 项、二等奖 2 项；市级 特等奖 1 项、一等奖 2 项".
func TeachingAwardHeadline(counts map[string]map[string]int) string {
	var levels []string
	for _, l := range orderedKeys(levelTotals(counts), research.Levels) {
		var prizes []string
		for _, g := range orderedKeys(counts[l], research.Prizes) {
			prizes = append(prizes, fmt.Sprintf("%s %d 项", orDash(g), counts[l][g]))
		}
		name := orDash(l)
		if len(levels) == 0 {
			name += "教学成果奖"
		}
		levels = append(levels, name+" "+strings.Join(prizes, "、"))
	}
	if len(levels) == 0 {
		return "本期无教学成果奖"
	}
	return strings.Join(levels, "；")
}

func levelTotals(counts map[string]map[string]int) map[string]int {
	out := map[string]int{}
	for l, row := range counts {
		for _, n := range row {
			out[l] += n
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "未分级"
	}
	return s
}

// TeachingAwards is the KPI of teaching achievement awards (教学成果奖).
func TeachingAwards(os []ResearchOutput, p Period) KPI {
	counts, total, ids := TeachingAwardTable(os, p)
	k := countKPI("research_teaching_awards", "教学成果奖", "期内获得（以颁奖日期计）的已审核教学成果奖项数，按级别 × 等级分列；团队成果计 1 项", "项", p, total, ids)
	k.Block = ResearchBlock
	k.Value = TeachingAwardHeadline(counts)
	return k
}

// Research computes the 教改创新成果 block in the order the page shows it.
func Research(os []ResearchOutput, p Period) []KPI {
	out := []KPI{TeachingAwards(os, p)}
	for _, k := range researchKPIs {
		out = append(out, researchCountKPI(os, p, k))
	}
	return out
}
