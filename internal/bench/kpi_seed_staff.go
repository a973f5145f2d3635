package bench

import (
	"fmt"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// staff gives a bare school the 师资 block's records: for each teacher a
// year of training hours, for about half of them enterprise practice over
// five years (a 专业课 teacher's compliance moves with the window, the
// summaries' costliest rows), a 双师型 recognition for about a third,
// and two studios.
func (o *outcomeSeed) staff(teachers []model.Teacher) error {
	rng := o.rng
	var l storage.TeacherDevLoad
	for i, t := range teachers {
		for range 1 + rng.IntN(3) {
			d := o.day()
			l.Records = append(l.Records, storage.DevRecordLoad{TeacherID: t.ID, Kind: string(teacherdev.KindSchool), Title: "基准校本培训",
				StartsOn: d, EndsOn: d, Hours: float64(4 + rng.IntN(40)), Source: teacherdev.SourceOffice, Status: teacherdev.StatusVerified})
		}
		if i%2 == 0 {
			for y := range 3 {
				from := o.y0.AddDate(-y-1, 6, rng.IntN(60))
				l.Records = append(l.Records, storage.DevRecordLoad{TeacherID: t.ID, Kind: string(teacherdev.KindEnterprise), Title: "基准企业实践",
					StartsOn: from.Format("2006-01-02"), EndsOn: from.AddDate(0, 0, 59).Format("2006-01-02"), Days: 60, Confirmed: true,
					Source: teacherdev.SourceOffice, Status: teacherdev.StatusVerified})
			}
		}
		if i%3 == 0 {
			l.Recognitions = append(l.Recognitions, storage.DualLoad{TeacherID: t.ID, Level: teacherdev.DualLevels[rng.IntN(3)],
				On: o.y0.AddDate(-1, 0, 0).Format("2006-01-02"), Basis: "基准"})
		}
	}
	for i := range min(2, len(teachers)) {
		l.Studios = append(l.Studios, storage.StudioLoad{Studio: teacherdev.Studio{Name: fmt.Sprintf("基准工作室 %d", i+1), Kind: "名师",
			Level: teacherdev.StudioLevels[rng.IntN(len(teacherdev.StudioLevels))], HostTeacherID: teachers[i].ID, FoundedOn: o.y0.AddDate(-2, 0, 0).Format("2006-01-02")}})
	}
	return o.st.LoadTeacherDev(o.ctx, o.sid, o.a, l, "bench")
}
