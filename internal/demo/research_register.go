package demo

import (
	"slices"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// The teachers' award register (教师获奖, the 就业与培训 pages) begins
// this school year; from then on a teacher's competition award that is
// also a research output is the register's award entered again by its
// winner for the 科研考核, with the same title, prize and date, so the
// 数据画像's 师资 block counts it once (docs/teachers.md §4). Before the
// register, competitions are research outputs only.

// registerFrom is the first day the register covers (records.go draws its
// awards from the terms starting then).
const registerFrom = "2025-09-01"

// researchLevelOf names a register level in the research vocabulary: the
// demo school is in a 直辖市, whose 市级 the register calls 省级.
var researchLevelOf = map[string]string{model.AwardNational: "国家级", model.AwardProvincial: "市级", model.AwardCity: "市级", model.AwardCounty: "区县级", model.AwardSchool: "校级"}

// claimRegister drops the drawn competitions the register covers and
// enters two in three of the register's awards as verified competition
// outputs, led by the winner with a colleague or two as a team.
func (rg *researchGen) claimRegister(awards []model.TeacherAward) {
	rg.out = slices.DeleteFunc(rg.out, func(o storage.ResearchLoad) bool {
		return o.Kind == string(research.KindCompetition) && o.Date >= registerFrom
	})
	byID := map[int64]*teacher{}
	for _, t := range rg.p.teachers {
		byID[t.t.ID] = t
	}
	for i, a := range awards {
		t := byID[a.TeacherID]
		if i%3 == 2 || t == nil || !slices.Contains(research.Prizes, a.Prize) || a.AwardedOn < registerFrom {
			continue
		}
		o := storage.ResearchLoad{Kind: string(research.KindCompetition), Title: a.Title, Level: researchLevelOf[a.Level], Grade: a.Prize,
			Date: a.AwardedOn, Fields: "{}", Status: research.StatusVerified}
		setFields(&o, map[string]string{research.FCompetition: a.Title})
		o.Members = rg.members(t, research.KindCompetition)
		rg.out = append(rg.out, o)
	}
}
