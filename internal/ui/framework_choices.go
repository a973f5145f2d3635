package ui

import (
	"maps"
	"slices"
	"strings"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// The framework workbook carries an indicator's choices for students and
// parents and its level descriptors in two cells, in the same
// "name=value/…" and "name：text" spelling as its scale and observation
// points, so a school can edit them in Excel.

// choicesCell writes a framework's own choices, "" for the default.
func choicesCell(cs []model.Choice) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Name + "=" + eval.FormatValue(c.Value)
	}
	return strings.Join(parts, "/")
}

func parseChoicesCell(v string) ([]model.Choice, bool) {
	if v == "" {
		return nil, true
	}
	return parseNamedNumbers(v)
}

// descriptorsCell writes one "name：text" line per level or choice, in the
// order the rater sees them.
func descriptorsCell(ind model.Indicator) string {
	var lines []string
	for _, o := range eval.OptionsFor(ind, model.RaterSelf) {
		if o.Descriptor != "" {
			lines = append(lines, o.Name+"："+o.Descriptor)
		}
	}
	// Descriptors naming no option are kept, so validation can name them.
	names := slices.Sorted(maps.Keys(ind.Descriptors))
	for _, k := range names {
		if !slices.ContainsFunc(eval.OptionsFor(ind, model.RaterSelf), func(o eval.Option) bool { return o.Name == k }) {
			lines = append(lines, k+"："+ind.Descriptors[k])
		}
	}
	return strings.Join(lines, "\n")
}

func parseDescriptorsCell(v string) (map[string]string, bool) {
	if v == "" {
		return nil, true
	}
	out := map[string]string{}
	for _, line := range strings.Split(v, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		name, text, ok := strings.Cut(line, "：")
		if !ok {
			name, text, ok = strings.Cut(line, ":")
		}
		if !ok || strings.TrimSpace(name) == "" {
			return nil, false
		}
		out[strings.TrimSpace(name)] = strings.TrimSpace(text)
	}
	return out, true
}

// choiceRow is one line of an indicator's choices on the framework page.
type choiceRow struct {
	Name, Value, Descriptor string
}

// indicatorChoices lists what students and parents choose on ind, with the
// stored value, for the framework page; nil when none of them rates it
// and it has no descriptors.
func indicatorChoices(ind model.Indicator) []choiceRow {
	chooses := false
	for r := range ind.RoleWeights {
		chooses = chooses || r.Chooses()
	}
	if !chooses && len(ind.Descriptors) == 0 {
		return nil
	}
	var out []choiceRow
	for _, o := range eval.OptionsFor(ind, model.RaterSelf) {
		row := choiceRow{Name: o.Name, Descriptor: o.Descriptor}
		if o.Value != o.Name {
			row.Value = o.Value
		}
		out = append(out, row)
	}
	return out
}
