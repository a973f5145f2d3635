package demo

import (
	"context"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// The demo's assessments: last term's final with points, this term's
// claiming with claims; and with no outputs at all, no error.
func TestSeedResearchAssess(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "rd", false)
		sid := f.School.ID
		last := model.Term{AcademicYearID: f.Term.AcademicYearID, Semester: 2, StartDate: "2026-02-20", EndDate: "2026-07-10"}
		if err := st.CreateTerm(ctx, sid, model.SystemActor, &last); err != nil {
			t.Fatal(err)
		}
		ht := f.TeacherHead
		for _, day := range []string{"2026-04-10", "2026-10-10"} {
			testfix.AddResearchOutput(t, st, sid, testfix.ResearchOutput{Kind: research.KindPaper, Title: "论文" + day, Grade: "核心期刊", DatedOn: day,
				Authors: []testfix.ResearchAuthor{{TeacherID: ht.ID, Name: ht.Name, Role: research.RoleFirstAuthor}}})
		}
		if err := seedResearchAssess(ctx, st, f.School); err != nil {
			t.Fatal(err)
		}
		as, err := st.ResearchAssessments(ctx, sid)
		if err != nil || len(as) != 2 || as[0].State != research.StateClaiming || as[1].State != research.StateFinal {
			t.Fatalf("assessments %+v %v", as, err)
		}
		if pts, _ := st.ResearchPoints(ctx, sid, as[1].ID, 0); len(pts) != 1 || pts[0].Points != 15 {
			t.Fatalf("last term's points %+v", pts)
		}
		if _, p, _ := st.ResearchProgress(ctx, sid, as[0].ID); p.Claims != 1 {
			t.Fatalf("this term's claims %+v", p)
		}
		empty := testfix.Build(t, st, "re", false)
		if err := seedResearchAssess(ctx, st, empty.School); err != nil {
			t.Fatalf("with no outputs: %v", err)
		}
	})
}
