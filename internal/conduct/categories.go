package conduct

import (
	"fmt"
	"slices"

	"zhijiao/internal/model"
)

// HabitDimensionName and HabitDimensionCode find the 习惯养成 dimension of
// a framework: by name first, then by the shipped framework's code.
const (
	HabitDimensionName = "习惯养成"
	HabitDimensionCode = "X"
)

// HabitDimension returns the framework's 习惯养成 dimension.
func HabitDimension(f model.Framework) (model.Dimension, bool) {
	for _, d := range f.Dimensions {
		if d.Name == HabitDimensionName {
			return d, true
		}
	}
	for _, d := range f.Dimensions {
		if d.Code == HabitDimensionCode {
			return d, true
		}
	}
	return model.Dimension{}, false
}

// Category is one habit category a behaviour record may name: the habit
// indicator's name, and the code of the indicator its points go to.
type Category struct {
	Name          string `json:"name"`
	IndicatorCode string `json:"indicator_code"`
}

// Categories are the habit categories of a framework and rule table, in
// the framework's order: each habit indicator with a behaviour rule that
// names it and scores on it.
func Categories(f model.Framework, p model.EvidencePolicy) []Category {
	d, ok := HabitDimension(f)
	if !ok {
		return nil
	}
	var out []Category
	for _, ind := range d.Indicators {
		for _, r := range p.Rules {
			if r.Kind == model.EvidenceBehaviour && r.Category == ind.Name && r.IndicatorCode == ind.Code {
				out = append(out, Category{Name: ind.Name, IndicatorCode: ind.Code})
				break
			}
		}
	}
	return out
}

// Names lists the categories' names.
func Names(cs []Category) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

// CheckRules returns a Chinese problem for each behaviour rule that names
// no habit indicator of the framework: a rule without a category, a
// category that is not a habit indicator's name, or points going to
// another indicator than the one the category names. Such a rule would
// let records drift from what scores.
func CheckRules(p model.EvidencePolicy, f model.Framework) []string {
	d, ok := HabitDimension(f)
	names := map[string]string{}
	var list []string
	if ok {
		for _, ind := range d.Indicators {
			names[ind.Name] = ind.Code
			list = append(list, ind.Name)
		}
	}
	var probs []string
	for i, r := range p.Rules {
		if r.Kind != model.EvidenceBehaviour {
			continue
		}
		row := fmt.Sprintf("第 %d 条加分规则", i+1)
		code, found := names[r.Category]
		switch {
		case !ok:
			probs = append(probs, fmt.Sprintf("%s是行为习惯记录的规则，但评价方案没有“%s”维度", row, HabitDimensionName))
		case r.Category == "":
			probs = append(probs, fmt.Sprintf("%s是行为习惯记录的规则，请填写类别（%s）", row, joinNames(list)))
		case !found:
			probs = append(probs, fmt.Sprintf("%s的行为类别“%s”不是“%s”维度的指标（应为 %s 之一）", row, r.Category, HabitDimensionName, joinNames(list)))
		case code != r.IndicatorCode:
			probs = append(probs, fmt.Sprintf("%s的行为类别“%s”应计入指标 %s，而不是 %s", row, r.Category, code, r.IndicatorCode))
		}
	}
	return probs
}

func joinNames(xs []string) string {
	out := ""
	for i, x := range slices.Clip(xs) {
		if i > 0 {
			out += "、"
		}
		out += x
	}
	return out
}
