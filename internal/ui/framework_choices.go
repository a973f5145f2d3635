package ui

import (
	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

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
