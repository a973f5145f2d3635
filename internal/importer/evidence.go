package importer

import (
	"context"
	"io"
	"slices"

	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// Bulk import of competition results (竞赛获奖) from an official result
// list, by a school office. Imported records are stored as 已审核 with the
// importer as reviewer: the office copies a published list, so a second
// review by each head teacher would only repeat it.

// CompetitionColumns are the columns of the result-list template.
var CompetitionColumns = []string{"学号", "姓名", "比赛名称", "级别", "奖项", "是否团体", "获奖日期", "备注"}

var competitionRequired = []string{"学号", "姓名", "比赛名称", "级别", "奖项", "获奖日期"}

// competitionFields name the validate fields by their column.
var competitionFields = map[string]string{"title": "比赛名称", "level": "级别", "prize": "奖项", "note": "备注", "team_members": "团体成员"}

// CompetitionReason is the review reason of imported records.
const CompetitionReason = "批量导入（官方获奖名单）"

// ImportCompetitionResults reads a result list for a term and, when every
// row is valid, stores its records as verified in one transaction.
func ImportCompetitionResults(ctx context.Context, st *storage.Storage, schoolID int64, a model.Actor, termID int64, r io.Reader) (SheetOutcome, error) {
	return importSheet(ctx, st, schoolID, r, competitionRequired, competitionRow, func(es []*model.Evidence) error {
		for _, e := range es {
			e.TermID = termID
		}
		return st.CreateEvidenceVerifiedBulk(ctx, schoolID, a, es, CompetitionReason)
	})
}

// competitionRow reads one row: the student by 学号 and 姓名, the award by
// the evidence form's rules, the team flag and the date.
func competitionRow(sh *sheet, row []string, byNo map[string]model.Student) (*model.Evidence, []string) {
	rep := &rowReporter{cols: competitionFields}
	st, _ := rep.student(sh, row, byNo, nil)
	in := validate.EvidenceText{Kind: model.EvidenceCompetition, Title: sh.get(row, "比赛名称"), Level: sh.get(row, "级别"), Prize: sh.get(row, "奖项"), Note: sh.get(row, "备注")}
	if in.Level == "直辖市的市级" {
		in.Level = model.AwardProvincial
	}
	team := sh.get(row, "是否团体")
	in.Team = team == "是" || team == "团体"
	e := validate.Evidence(in, rep)
	if !in.Team && team != "" && team != "否" && team != "个人" {
		rep.bad = append(rep.bad, "是否团体应填“是”或“否”")
	}
	e.StudentID = st.ID
	raw := sh.get(row, "获奖日期")
	if day, err := roster.ParseDay(raw, sh.date1904); err != nil {
		rep.bad = append(rep.bad, "获奖日期“"+raw+"”无法识别："+err.Error())
	} else if r := validate.EvidenceDates.Check(day); r != "" {
		rep.bad = append(rep.bad, r)
	} else {
		e.Date = day
	}
	if slices.ContainsFunc(row, func(c string) bool { return validate.Control(c) != "" }) {
		rep.bad = append(rep.bad, validate.ControlReason)
	}
	return &e, rep.bad
}
