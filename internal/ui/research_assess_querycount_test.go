package ui_test

import (
	"context"
	"fmt"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/testfix"
)

// The 科研考核 list pages for listPages: the assessments (one a term) and
// one assessment's ranking (one row a teacher with points).

// researchAssessOf is the assessment growResearchPoints made for a grower.
var researchAssessOf = map[*grower]int64{}

func researchRankingPath(g *grower) string {
	return fmt.Sprintf("/research/assessments/%d", researchAssessOf[g])
}

// growResearchAssessments adds n terms, each with its assessment.
func growResearchAssessments(t *testing.T, g *grower, n int) string {
	ctx, f := context.Background(), g.s.a
	return growEach(g, n, func(k int) string {
		y := model.AcademicYear{Name: fmt.Sprintf("%d-%d", 2000+k, 2001+k), StartDate: fmt.Sprintf("%d-09-01", 2000+k), EndDate: fmt.Sprintf("%d-07-10", 2001+k)}
		must(t, g.s.st.CreateAcademicYear(ctx, f.School.ID, model.SystemActor, &y))
		term := model.Term{AcademicYearID: y.ID, Semester: 1, StartDate: y.StartDate, EndDate: fmt.Sprintf("%d-01-20", 2001+k)}
		must(t, g.s.st.CreateTerm(ctx, f.School.ID, model.SystemActor, &term))
		ra, err := g.s.st.CreateResearchAssessment(ctx, f.School.ID, model.SystemActor, storage.NewResearchAssessment{TermID: term.ID, Name: fmt.Sprintf("计数考核%02d", k)})
		must(t, err)
		return ra.Name
	})
}

// growResearchPoints adds n teachers with a verified paper each, claims
// them and computes the school's assessment again.
func growResearchPoints(t *testing.T, g *grower, n int) string {
	ctx, f := context.Background(), g.s.a
	sid := f.School.ID
	if researchAssessOf[g] == 0 {
		ra, err := g.s.st.CreateResearchAssessment(ctx, sid, model.SystemActor, storage.NewResearchAssessment{TermID: f.Term.ID})
		must(t, err)
		must(t, g.s.st.MoveResearchAssessment(ctx, sid, model.SystemActor, ra.ID, research.StateReviewing))
		researchAssessOf[g] = ra.ID
	}
	mark := growEach(g, n, func(k int) string {
		tt := model.Teacher{StaffNo: fmt.Sprintf("RT%03d", k), Name: fmt.Sprintf("计数科研教师%02d", k), Gender: model.Male, DepartmentID: f.Department.ID}
		must(t, g.s.st.CreateTeacher(ctx, sid, model.SystemActor, &tt))
		testfix.AddResearchOutput(t, g.s.st, sid, testfix.ResearchOutput{Kind: research.KindPaper, Title: fmt.Sprintf("计数论文%02d", k), Grade: "核心期刊", DatedOn: "2026-10-01",
			Authors: []testfix.ResearchAuthor{{TeacherID: tt.ID, Name: tt.Name, Role: research.RoleFirstAuthor}}})
		return tt.Name
	})
	if ra, _ := g.s.st.ResearchAssessment(ctx, sid, researchAssessOf[g]); ra.State == research.StateComputed {
		must(t, g.s.st.MoveResearchAssessment(ctx, sid, model.SystemActor, ra.ID, research.StateReviewing))
	}
	_, err := g.s.st.ClaimAllResearch(ctx, sid, model.SystemActor, researchAssessOf[g], nil)
	must(t, err)
	_, err = g.s.st.ComputeResearch(ctx, sid, model.SystemActor, researchAssessOf[g])
	must(t, err)
	return mark
}
