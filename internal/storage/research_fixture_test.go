package storage_test

import (
	"testing"

	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/testfix"
)

// researchOutputs are one fixture school's outputs for the assessment
// tests: a co-authored paper, a national 课题 whose 立项 is this term and
// 结题 next, a paper still waiting for review and a rejected one.
type researchOutputs struct {
	Paper, Project, Pending, Rejected int64
}

func addResearchOutputs(t *testing.T, st *storage.Storage, fx *testfix.School) researchOutputs {
	t.Helper()
	sid := fx.School.ID
	head, subj := fx.TeacherHead, fx.TeacherSubject
	add := func(o testfix.ResearchOutput) int64 { return testfix.AddResearchOutput(t, st, sid, o) }
	return researchOutputs{
		Paper: add(testfix.ResearchOutput{Kind: research.KindPaper, Title: "数控编程课程思政探索", Grade: "核心期刊", DatedOn: "2026-10-08",
			Authors: []testfix.ResearchAuthor{{TeacherID: head.ID, Name: head.Name, Role: research.RoleFirstAuthor}, {TeacherID: subj.ID, Name: subj.Name, Role: research.RoleAuthor}, {Name: "校外专家", Role: research.RoleAuthor}}}),
		Project: add(testfix.ResearchOutput{Kind: research.KindProject, Title: "中职产教融合实训基地建设研究", Level: "国家级",
			Stages:  [][2]string{{research.StageApproved, "2026-09-20"}, {research.StageConcluded, "2027-05-10"}},
			Authors: []testfix.ResearchAuthor{{TeacherID: head.ID, Name: head.Name, Role: research.RoleLead}}}),
		Pending: add(testfix.ResearchOutput{Kind: research.KindPaper, Title: "实训教学评价改革", Grade: "省级期刊", DatedOn: "2026-11-02", Status: research.StatusPending,
			Authors: []testfix.ResearchAuthor{{TeacherID: subj.ID, Name: subj.Name, Role: research.RoleFirstAuthor}}}),
		Rejected: add(testfix.ResearchOutput{Kind: research.KindPatent, Title: "一种夹具", Grade: "实用新型", DatedOn: "2026-11-03", Status: research.StatusRejected,
			Authors: []testfix.ResearchAuthor{{TeacherID: subj.ID, Name: subj.Name, Role: research.RoleFirstAuthor}}}),
	}
}

// reviewOutput stands for the 科研处's review of an output (section 1's
// pages): the assessment only reads the status.
func reviewOutput(t *testing.T, st *storage.Storage, sid, id int64, status, grade string) {
	t.Helper()
	testfix.SetResearchOutput(t, st, sid, id, status, grade)
}
