package validate

import (
	"strconv"
	"strings"
)

// Daily checks (班级量化): the rules of an entry, a check item with its
// preset reasons, and the school's settings, shared by the pages and the
// JSON API.

// MaxCheckReason is the longest reason of a check entry: a short phrase
// ("地面有纸屑"), never a student's story — the board is public.
const MaxCheckReason = 40

// CheckEntryPoints bounds one entry: at most 20 points off, at most 10 on.
const (
	MinCheckPoints = -20
	MaxCheckPoints = 10
)

// CheckEntryText is an entry as typed or sent.
type CheckEntryText struct {
	Points, Reason string
}

// CheckEntry checks an entry's points (not zero, within the bounds) and
// reason (required, short, no control characters) and returns them.
func CheckEntry(in CheckEntryText, rep Reporter) (float64, string) {
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		rep.Missing("reason", "扣分原因")
	} else if r := Text(reason, MaxCheckReason, true); r != "" {
		rep.Invalid("reason", "扣分原因", r)
	}
	f, err := Number(in.Points)
	if err != nil || f < MinCheckPoints || f > MaxCheckPoints {
		rep.OutOfRange("points", "分值", MinCheckPoints, MaxCheckPoints)
		return 0, reason
	}
	if f == 0 {
		rep.Invalid("points", "分值", "不能为 0")
	}
	return f, reason
}

// CheckItemText is a check item as typed: its name, order, the day's
// maximum deduction (empty or 0 for none) and its preset reasons, one a
// line as "地面有纸屑 -1".
type CheckItemText struct {
	Name, Position, MaxDaily, Reasons string
}

// CheckReasonLine is one preset reason of an item.
type CheckReasonLine struct {
	Text   string
	Points float64
}

// CheckItem checks an item and parses its preset reasons.
func CheckItem(in CheckItemText, rep Reporter) (name string, position int, maxDaily float64, reasons []CheckReasonLine) {
	name = strings.TrimSpace(in.Name)
	if r := Text(name, 20, true); r != "" {
		rep.Invalid("name", "检查项目名称", r)
	}
	if p := strings.TrimSpace(in.Position); p != "" {
		f, err := Number(p)
		if err != nil || f < 0 || f > 99 || f != float64(int(f)) {
			rep.OutOfRange("position", "排序", 0, 99)
		}
		position = int(f)
	}
	if m := strings.TrimSpace(in.MaxDaily); m != "" {
		f, err := Number(m)
		if err != nil || f < 0 || f > 100 {
			rep.OutOfRange("max_daily", "每日最多扣分", 0, 100)
		}
		maxDaily = f
	}
	for i, line := range strings.Split(in.Reasons, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		cut := strings.LastIndexAny(line, " \t")
		if cut < 0 {
			rep.Invalid("reasons", "预设原因", "第 "+strconv.Itoa(i+1)+" 行应写成“原因 分值”，如“地面有纸屑 -1”")
			continue
		}
		pts, reason := CheckEntry(CheckEntryText{Points: line[cut+1:], Reason: line[:cut]}, lineReporter{rep, i + 1})
		reasons = append(reasons, CheckReasonLine{Text: reason, Points: pts})
	}
	return name, position, maxDaily, reasons
}

// lineReporter names the line of a preset reason that is wrong.
type lineReporter struct {
	Reporter
	line int
}

func (l lineReporter) Missing(field, label string) {
	l.Reporter.Invalid("reasons", "预设原因", "第 "+strconv.Itoa(l.line)+" 行缺少原因")
}
func (l lineReporter) OutOfRange(field, label string, lo, hi float64) {
	l.Reporter.Invalid("reasons", "预设原因", "第 "+strconv.Itoa(l.line)+" 行的分值应在 -20 到 10 之间且不为 0")
}
func (l lineReporter) Invalid(field, label, reason string) {
	l.Reporter.Invalid("reasons", "预设原因", "第 "+strconv.Itoa(l.line)+" 行"+label+reason)
}

// CheckSettingsText is the school's settings as typed.
type CheckSettingsText struct {
	BaseScore, FlagsPerGrade string
}

// CheckSettings checks the daily base score (1 to 1000) and the red flags
// per grade and week (0 to 10, 0 for none).
func CheckSettings(in CheckSettingsText, rep Reporter) (base float64, flags int) {
	base, err := Number(in.BaseScore)
	if err != nil || base < 1 || base > 1000 {
		rep.OutOfRange("base_score", "每日基础分", 1, 1000)
	}
	f, err := Number(in.FlagsPerGrade)
	if err != nil || f < 0 || f > 10 || f != float64(int(f)) {
		rep.OutOfRange("flags_per_grade", "每个年级每周流动红旗数", 0, 10)
	}
	return base, int(f)
}
