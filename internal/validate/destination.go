package validate

import (
	"strconv"

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

// Training checks a social-training session (社会培训): its name, number
// of trainees (typed as text) and text lengths; the dates are the form's.
func Training(t *model.TrainingSession, trainees string, rep Reporter) {
	n, err := strconv.Atoi(trainees)
	if err != nil || n <= 0 || n > 1000000 {
		rep.Invalid("trainees", "培训人次", "应为 1 到 1000000 之间的整数")
	}
	t.Trainees = n
	if t.Title == "" {
		rep.Missing("title", "培训名称")
	}
	tooLong(rep, "title", "培训名称", t.Title, 100)
	tooLong(rep, "served", "服务对象", t.Served, 100)
	tooLong(rep, "kind", "培训类别", t.Kind, 30)
}

// TeacherAward checks a teacher's award's text; the teacher, the date and
// the level and prize lists are checked where they are read.
func TeacherAward(a *model.TeacherAward, rep Reporter) {
	tooLong(rep, "title", "比赛名称", a.Title, 100)
}
