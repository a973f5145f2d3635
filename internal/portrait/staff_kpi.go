package portrait

import (
	"fmt"
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
		staffRate("staff_dual_share", "双师型教师占比",
			"期末持有有效“双师型”认定（认定日期不晚于期末且未撤销）的在职教师人数 ÷ 在职教师人数", p, DualShare(st.Teachers), teacherIDs(st.Teachers, false)),
		staffRate("staff_practice_compliance", "专业课教师企业实践达标率",
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

func staffRate(key, name, def string, p Period, r Ratio, ids []int64) KPI {
	return rateKPI(key, name, def, p, r, ids)
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
		k.Value = fmt.Sprintf("%s 学时（合计 %s 学时 ÷ %s 人）", strconv.FormatFloat(v, 'f', 1, 64), strconv.FormatFloat(round1(sum), 'f', 1, 64), groupDigits(teachers))
	}
	return k
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

// staffAwardsKPI is the headline of teaching-ability awards: "国家级 一等奖
// 1 项；市级 一等奖 2 项（获奖教师 9 人次）", its count those at 省级 and above.
func staffAwardsKPI(merged []StaffAward, p Period, provincialLabel string) KPI {
	counts := CountAwards(merged, p, provincialLabel)
	above, credited := 0, 0
	var parts []string
	level := ""
	for _, c := range counts {
		if c.Level == "国家级" || c.Level == "省级" {
			above += c.Awards
		}
		credited += c.Credited
		cell := fmt.Sprintf("%s %d 项", orDash(c.Prize), c.Awards)
		if c.Level != level {
			level = c.Level
			cell = staffLevelName(level, provincialLabel) + " " + cell
			parts = append(parts, cell)
			continue
		}
		parts[len(parts)-1] += "、" + cell
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
		"期内（以获奖日期计）教师教学能力比赛等竞赛获"+prov+"以上奖项的项数；科研成果中的“教师竞赛获奖”与教师获奖登记合并，同名、同等级奖项、同日期的团队奖只计 1 项，每位成员各计 1 人次",
		"项", p, above, ids)
	if len(parts) == 0 {
		k.Value = "本期无教师竞赛获奖"
	} else {
		k.Value = strings.Join(parts, "；") + fmt.Sprintf("（获奖教师 %d 人次）", credited)
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
