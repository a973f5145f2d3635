package eval

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhijiao/internal/model"
)

// maxDescriptor is the longest one-line descriptor, in characters: it must
// fit under a level's name on a phone in one or two lines.
const maxDescriptor = 40

// DefaultChoices are what students and parents choose from on a 百分制 or
// 五分制 indicator whose framework names no choices: the same names as the
// 等级制 levels, so a student's form speaks one scale throughout, worth the
// same points (五分制: the nearest point on 1–5).
func DefaultChoices(k model.ScaleKind) []model.Choice {
	switch k {
	case model.ScaleScore100:
		return []model.Choice{{Name: "优秀", Value: 95}, {Name: "良好", Value: 85}, {Name: "合格", Value: 70}, {Name: "待合格", Value: 50}}
	case model.ScaleRating5:
		return []model.Choice{{Name: "优秀", Value: 5}, {Name: "良好", Value: 4}, {Name: "合格", Value: 3}, {Name: "待合格", Value: 2}}
	}
	return nil
}

// ChoicesOf is the choice set of a 百分制 or 五分制 indicator: the
// framework's own, else the default. A 等级制 indicator has none (its
// levels are the choices).
func ChoicesOf(ind model.Indicator) []model.Choice {
	if ind.Scale.Kind == model.ScaleLevels {
		return nil
	}
	if len(ind.Choices) > 0 {
		return ind.Choices
	}
	return DefaultChoices(ind.Scale.Kind)
}

// Option is one tap target of a rating form: the value the form sends, the
// name shown and the framework's one-line descriptor ("" when the
// framework has none, as older frameworks do).
type Option struct {
	Value, Name, Descriptor string
}

// OptionsFor lists what a rater in role picks from on ind: the levels of a
// 等级制 indicator for everyone, the choices of a 百分制 or 五分制
// indicator for roles that choose; nil where the rater enters points.
func OptionsFor(ind model.Indicator, role model.RaterRole) []Option {
	var out []Option
	if ind.Scale.Kind == model.ScaleLevels {
		for _, l := range ind.Scale.Levels {
			out = append(out, Option{Value: l.Name, Name: l.Name, Descriptor: ind.Descriptors[l.Name]})
		}
		return out
	}
	if !role.Chooses() {
		return nil
	}
	for _, c := range ChoicesOf(ind) {
		out = append(out, Option{Value: FormatValue(c.Value), Name: c.Name, Descriptor: ind.Descriptors[c.Name]})
	}
	return out
}

// FormatValue writes a stored value the way forms send it back: 95, 4, 92.5.
func FormatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// checkChoices validates an indicator's choices and descriptors: choices
// only on 百分制 and 五分制, two to six of them, named, distinct, on the
// scale and best first; descriptors one short line each, naming a level
// or choice the indicator has.
func checkChoices(in string, ind model.Indicator) []string {
	var p []string
	bad := func(format string, a ...any) { p = append(p, fmt.Sprintf(format, a...)) }
	if len(ind.Choices) > 0 {
		if ind.Scale.Kind == model.ScaleLevels {
			bad("指标“%s”为等级制，学生和家长直接选择等级，不应另设选项", in)
		} else {
			if len(ind.Choices) < 2 || len(ind.Choices) > 6 {
				bad("指标“%s”的选项应为 2 到 6 个", in)
			}
			seen := map[string]bool{}
			for i, c := range ind.Choices {
				switch {
				case strings.TrimSpace(c.Name) == "":
					bad("指标“%s”有未命名的选项", in)
				case seen[c.Name]:
					bad("指标“%s”的选项“%s”重复", in, c.Name)
				}
				seen[c.Name] = true
				if _, ok := ScalePoints(ind.Scale, c.Value, ""); !ok {
					bad("指标“%s”的选项“%s”%s", in, c.Name, scaleHint(ind.Scale))
				}
				if i > 0 && !(c.Value < ind.Choices[i-1].Value) {
					bad("指标“%s”的选项应从高到低排列，“%s”不低于上一个选项", in, c.Name)
				}
			}
		}
	}
	names := map[string]bool{}
	for _, l := range ind.Scale.Levels {
		names[l.Name] = true
	}
	for _, c := range ChoicesOf(ind) {
		names[c.Name] = true
	}
	for _, name := range sortedKeys(ind.Descriptors) {
		d := ind.Descriptors[name]
		switch {
		case !names[name]:
			bad("指标“%s”的等级说明“%s”不是该指标的等级或选项", in, name)
		case strings.TrimSpace(d) == "":
			bad("指标“%s”的等级说明“%s”为空", in, name)
		case strings.ContainsAny(d, "\r\n"):
			bad("指标“%s”的等级说明“%s”应为一行", in, name)
		case utf8.RuneCountInString(d) > maxDescriptor:
			bad("指标“%s”的等级说明“%s”超过 %d 字", in, name, maxDescriptor)
		}
	}
	return p
}

// checkChoice refuses a value a choosing role could not have chosen: on a
// 百分制 or 五分制 indicator, students and parents give one of its choices.
func checkChoice(ind model.Indicator, r model.Rating) string {
	if !r.RaterRole.Chooses() || ind.Scale.Kind == model.ScaleLevels {
		return ""
	}
	cs := ChoicesOf(ind)
	names := make([]string, len(cs))
	for i, c := range cs {
		if c.Value == r.Value {
			return ""
		}
		names[i] = c.Name + " " + FormatValue(c.Value)
	}
	return fmt.Sprintf("指标“%s”%s应选择 %s 之一", ind.Name, r.RaterRole.Name(), strings.Join(names, "、"))
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// NearestChoice is the choice of a 百分制 or 五分制 indicator closest to
// value (on the indicator's scale), for generators that draw a value and
// must store what a student or parent could have chosen.
func NearestChoice(ind model.Indicator, value float64) float64 {
	cs := ChoicesOf(ind)
	if len(cs) == 0 {
		return value
	}
	best := cs[0].Value
	for _, c := range cs[1:] {
		if math.Abs(c.Value-value) < math.Abs(best-value) {
			best = c.Value
		}
	}
	return best
}
