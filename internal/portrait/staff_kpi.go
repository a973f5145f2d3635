package portrait

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The KPIs of the 师资 block in the order the page shows them. Records
// are teacher ids for the teacher figures, record ids for hours, studio
// ids for studios, and for awards the research output id or, for an award
// only in the old table, its first row's id negated (the drill-down tells
// them apart).

// StaffKPIs computes the block for the period; the states are those of
// the period's last day, which the loader has already applied.
func StaffKPIs(st Staff, p Period, provincialLabel string) []KPI {
	out := []KPI{
		rateKPI("staff_dual_share", "双师型教师占比",
			"期末持有有效“双师型”认定（认定日期不晚于期末且未撤销）的在职教师人数 ÷ 在职教师人数", p, DualShare(st.Teachers), teacherIDs(st.Teachers, false)),
		rateKPI("staff_practice_compliance", "专业课教师企业实践达标率",
			"期末前五年内经审核、企业确认的企业实践累计满 180 天（6 个月）的专业课教师人数 ÷ 专业课教师人数；专业课教师指任教课程类别含“专业”的在职教师",
			p, PracticeCompliance(st.Teachers), teacherIDs(st.Teachers, true)),
		staffHoursKPI(st, p),
		staffStudiosKPI(st.Studios, p),
		staffAwardsKPI(st.Awards, p, provincialLabel),
	}
	for i := range out {
		out[i].Block = StaffBlock
	}
	return out
}

func teacherIDs(ts []StaffTeacher, professional bool) []int64 {
	var ids []int64
	for _, t := range ts {
		if !professional || t.Professional {
			ids = appendID(ids, t.ID)
		}
	}
	return ids
}

// staffHoursKPI reads "36.5 学时（合计 7,300 学时 ÷ 200 人）".
func staffHoursKPI(st Staff, p Period) KPI {
	avg, sum, teachers, ok := AverageHours(st.Teachers, st.Hours, p)
	k := KPI{Key: "staff_training_hours", Name: "教师人均培训学时", Period: p, Unit: "学时", Value: NoData,
		Definition: "期内结束的经审核培训学时（国培、市培、区培、校本、五年轮训、访学进修、学历提升、师德师风）之和 ÷ 期末在职教师人数"}
	for _, h := range st.Hours {
		if p.Contains(h.Date) {
			k.Records = appendID(k.Records, h.ID)
		}
	}
	if ok {
		v := round1(avg)
		k.Amount = &v
		k.Value = fmt.Sprintf("%s 学时（合计 %s 学时 ÷ %s 人）", oneDecimal(v), oneDecimal(round1(sum)), groupDigits(teachers))
	}
	return k
}

// oneDecimal writes a non-negative figure with one decimal and grouped
// thousands: 7,914.0.
func oneDecimal(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err != nil {
		return s
	}
	return groupDigits(n) + "." + frac
}

// staffStudiosKPI reads "6 个（市级 2、校级 4）".
func staffStudiosKPI(ss []StaffStudio, p Period) KPI {
	by, total := StudiosByLevel(ss)
	var ids []int64
	for _, s := range ss {
		ids = appendID(ids, s.ID)
	}
	k := countKPI("staff_studios", "名师（大师）工作室", "期末在建的工作室个数（成立日期不晚于期末、未撤销），按级别分列", "个", p, total, ids)
	if total > 0 {
		k.Value += "（" + breakdown(by, StudioLevels) + "）"
	}
	return k
}

// staffAwardsKPI is the headline of teaching-ability awards: "市级以上 8 项
// （国家级 5、市级 3），获奖教师 21 人次", its count those at 省级 and above and
// their teacher credits; the level × prize grid is the block's chart.
func staffAwardsKPI(merged []StaffAward, p Period, provincialLabel string) KPI {
	above, credited, total := 0, 0, 0
	by := map[string]int{}
	for _, c := range CountAwards(merged, p, provincialLabel) {
		total += c.Awards
		if c.Level == "国家级" || c.Level == "省级" {
			above += c.Awards
			credited += c.Credited
			by[staffLevelName(c.Level, provincialLabel)] += c.Awards
		}
	}
	var ids []int64
	for _, a := range merged {
		if !p.Contains(a.Date) {
			continue
		}
		switch {
		case a.OutputID != 0:
			ids = append(ids, a.OutputID)
		case len(a.OldIDs) > 0:
			ids = append(ids, -a.OldIDs[0])
		}
	}
	prov := staffLevelName("省级", provincialLabel)
	k := countKPI("staff_ability_awards", "教师教学能力比赛获奖",
		"期内（以获奖日期计）教师教学能力比赛等竞赛获"+prov+"以上奖项的项数与获奖教师人次；科研成果中的“教师竞赛获奖”与教师获奖登记合并，名称、等级、日期相同的团队奖只计 1 项，每位成员各计 1 人次",
		"项", p, above, ids)
	switch {
	case total == 0:
		k.Value = "本期无教师竞赛获奖"
	case above == 0:
		k.Value = fmt.Sprintf("%s以上 0 项（全部 %d 项）", prov, total)
	default:
		k.Value = fmt.Sprintf("%s以上 %d 项（%s），获奖教师 %d 人次", prov, above, breakdown(by, []string{"国家级", prov}), credited)
	}
	return k
}

// staffLevelName shows 省级 as the school says it (市级 in a 直辖市).
func staffLevelName(level, provincialLabel string) string {
	if level == "省级" && provincialLabel != "" {
		return provincialLabel
	}
	return orDash(level)
}

// StaffAwardGrid is the level × prize grid of the period's teaching-ability
// awards, each award once; levels as the school says them.
func StaffAwardGrid(merged []StaffAward, p Period, provincialLabel string) Table {
	counts := CountAwards(merged, p, provincialLabel)
	t := Table{Title: "教师教学能力比赛获奖（级别 × 等级）"}
	var levels, prizes []string
	cell := map[[2]string]int{}
	for _, c := range counts {
		name := staffLevelName(c.Level, provincialLabel)
		if !slices.Contains(levels, name) {
			levels = append(levels, name)
		}
		if !slices.Contains(prizes, c.Prize) {
			prizes = append(prizes, c.Prize)
		}
		cell[[2]string{name, c.Prize}] += c.Awards
	}
	slices.SortStableFunc(prizes, func(x, y string) int { return rankIn(staffPrizes, x) - rankIn(staffPrizes, y) })
	t.Rows, t.Columns = levels, prizes
	for _, l := range levels {
		row := make([]float64, len(prizes))
		for j, g := range prizes {
			row[j] = float64(cell[[2]string{l, g}])
		}
		t.Cells = append(t.Cells, row)
	}
	return t
}

// StaffStudioTable counts the open studios by level.
func StaffStudioTable(ss []StaffStudio) Table {
	by, _ := StudiosByLevel(ss)
	t := Table{Title: "在建工作室（按级别）", Columns: []string{"个数"}}
	for _, l := range orderedKeys(by, StudioLevels) {
		t.Rows = append(t.Rows, l)
		t.Cells = append(t.Cells, []float64{float64(by[l])})
	}
	return t
}
