package validate

import (
	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
)

// The rules of a graduate destination (毕业去向), shared by the form and the
// survey-sheet import. The survey date is read by each way in (a date
// field, or whatever a spreadsheet holds) and storage refuses an empty one.

// DestinationNames lists the kinds in Chinese, in display order.
func DestinationNames() []string {
	out := make([]string, len(portrait.DestinationKinds))
	for i, k := range portrait.DestinationKinds {
		out[i] = portrait.DestinationNames[k]
	}
	return out
}

// Destination checks a destination whose Kind is a portrait.Dest* key and
// reports every problem to rep.
func Destination(d *model.GraduateDestination, rep Reporter) {
	if _, ok := portrait.DestinationNames[d.Kind]; !ok {
		rep.NotAllowed("kind", "毕业去向", d.Kind, DestinationNames())
	}
	if (d.Kind == portrait.DestEmployed || d.Kind == portrait.DestSelfEmployed) && d.Employer == "" {
		rep.Invalid("employer", "就业单位", "受雇就业或自主创业时不能为空")
	}
	tooLong(rep, "employer", "就业单位", d.Employer, 100)
	tooLong(rep, "position", "岗位", d.Position, 50)
	tooLong(rep, "further_school", "升学院校", d.FurtherSchool, 100)
	tooLong(rep, "note", "备注", d.Note, 200)
}
