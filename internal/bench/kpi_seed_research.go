package bench

import (
	"fmt"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// research gives a bare school a year of verified research outputs of
// every kind the 教改创新成果 block counts, so the district view reads
// and sums them like the rest (two to four members each, one team
// output counted once): 60 outputs a school.
func (o *outcomeSeed) research(teachers []model.Teacher) error {
	rng := o.rng
	kinds := []research.Kind{research.KindPaper, research.KindPaper, research.KindPaper, research.KindProject, research.KindTeachingAward, research.KindPatent, research.KindTextbook}
	var rs []storage.ResearchLoad
	for i := range 60 {
		k := kinds[rng.IntN(len(kinds))]
		r := storage.ResearchLoad{Kind: string(k), Title: fmt.Sprintf("基准科研成果 %d", i+1), Date: o.day(), Fields: "{}", Status: research.StatusVerified}
		switch k {
		case research.KindPaper:
			r.Grade = research.DefaultJournalGrades[rng.IntN(len(research.DefaultJournalGrades))]
		case research.KindProject:
			r.Level, r.Stage = research.Levels[rng.IntN(len(research.Levels))], research.StageApproved
			r.Stages = []storage.ResearchLoadStage{{Stage: research.StageApproved, Date: r.Date}}
			if i%2 == 0 { // approved two years before, concluded in the year
				d, _ := time.Parse("2006-01-02", r.Date)
				r.Stage = research.StageConcluded
				r.Stages = []storage.ResearchLoadStage{{Stage: research.StageApproved, Date: d.AddDate(-2, 0, 0).Format("2006-01-02")}, {Stage: research.StageConcluded, Date: r.Date}}
			}
		case research.KindTeachingAward:
			r.Level, r.Grade = research.Levels[rng.IntN(3)], research.Prizes[rng.IntN(4)]
		case research.KindPatent:
			r.Grade = research.PatentTypes[rng.IntN(len(research.PatentTypes))]
		case research.KindTextbook:
			r.Grade = research.TextbookLevels[rng.IntN(len(research.TextbookLevels))]
		}
		for j := range 2 + rng.IntN(3) {
			role := research.RoleAuthor
			if k == research.KindProject || k == research.KindTeachingAward {
				role = research.RoleMember
			}
			if j == 0 {
				role = map[bool]string{true: research.RoleLead, false: research.RoleFirstAuthor}[role == research.RoleMember]
			}
			t := teachers[rng.IntN(len(teachers))]
			r.Members = append(r.Members, storage.ResearchLoadMember{TeacherID: t.ID, Name: t.Name, Role: role})
		}
		rs = append(rs, r)
	}
	return o.st.LoadResearch(o.ctx, o.sid, o.a, rs, "bench")
}
