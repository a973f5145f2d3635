package ratesheet

import (
	"math"
	"strconv"
	"strings"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/validate"
)

// ParseValue reads one cell for an indicator into r (Value or Level) and
// returns "" or a Chinese reason. A level may be written in full or by a
// prefix that names one level only (优 → 优秀, 待 → 待合格); numbers may
// use full-width digits. The rating must carry its role, so that the
// reason also covers an indicator the role does not rate.
func ParseValue(f model.Framework, r *model.Rating, cell string) string {
	cell = strings.TrimSpace(roster.Fold(cell))
	ind, ok := indicator(f, r.IndicatorCode)
	if !ok {
		return eval.CheckRating(f, *r)
	}
	if ind.Scale.Kind == model.ScaleLevels {
		r.Level = matchLevel(ind.Scale, cell)
		r.Value = 0
	} else {
		n, err := validate.Number(cell)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return "指标“" + ind.Name + "”应填数字（" + Hint(ind.Scale) + "）"
		}
		r.Value, r.Level = n, ""
	}
	return eval.CheckRating(f, *r)
}

// matchLevel returns the level named by s in full, or the only level that
// starts with s; otherwise s itself, which CheckRating then refuses.
func matchLevel(sc model.Scale, s string) string {
	found := ""
	for _, l := range sc.Levels {
		if l.Name == s {
			return s
		}
		if s != "" && strings.HasPrefix(l.Name, s) {
			if found != "" {
				return s // ambiguous
			}
			found = l.Name
		}
	}
	if found != "" {
		return found
	}
	return s
}

// Hint is the scale in words, for headers and notes.
func Hint(sc model.Scale) string {
	switch sc.Kind {
	case model.ScaleScore100:
		return "百分制，0–100"
	case model.ScaleRating5:
		return "五分制，1–5"
	}
	names := make([]string, len(sc.Levels))
	for i, l := range sc.Levels {
		names[i] = l.Name
	}
	return "等级：" + strings.Join(names, "/")
}

// PassValue is what 全部设为合格 puts in a cell: on a levels scale the
// level named 合格, else the lowest level worth at least the framework's
// 合格 line; on a score scale the smallest whole value whose points reach
// that line (the default framework: 百分制 60, 五分制 3).
func PassValue(f model.Framework, sc model.Scale) string {
	line := passLine(f.Grading)
	switch sc.Kind {
	case model.ScaleScore100:
		return strconv.FormatFloat(math.Ceil(line), 'f', -1, 64)
	case model.ScaleRating5:
		return strconv.FormatFloat(min(5, max(1, math.Ceil(line/20))), 'f', -1, 64)
	}
	best := ""
	for _, l := range sc.Levels {
		if l.Name == string(model.LevelPass) {
			return l.Name
		}
		if l.Points >= line {
			best = l.Name // best first: the last one passing is the lowest
		}
	}
	if best == "" && len(sc.Levels) > 0 {
		best = sc.Levels[0].Name
	}
	return best
}

// passLine is the minimum total of 合格 in the grading, 60 when the
// framework names no such level.
func passLine(g model.Grading) float64 {
	for _, t := range g.Thresholds {
		if t.Level == model.LevelPass {
			return t.Min
		}
	}
	return 60
}

func indicator(f model.Framework, code string) (model.Indicator, bool) {
	for _, d := range f.Dimensions {
		for _, ind := range d.Indicators {
			if ind.Code == code {
				return ind, true
			}
		}
	}
	return model.Indicator{}, false
}
