package testfix

import (
	"context"
	"strconv"
	"testing"

	"zhijiao/internal/auth"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// KPIYear is the school year the KPI records below are dated in.
const (
	KPIYearFrom = "2025-09-01"
	KPIYearTo   = "2026-08-31"
)

// KPIRecords are the ids of the records SeedKPI made, for drill-down checks.
type KPIRecords struct {
	AwardNationalFirst, AwardProvincialFirst, AwardProvincialSecond int64 // counted
	AwardPending, AwardBeforeYear, AwardCity                        int64 // not 市级以上 of the year
	CertPassed, CertFailed, CertPending                             int64
	Scholarship                                                     int64
	Enterprise2                                                     model.Enterprise
	Survey                                                          model.EmployerSurvey
}

// SeedKPI writes records with known KPIs into school f, for the school
// year 2025-09-01 … 2026-08-31 (answers in brackets):
//
//	student awards  市级以上 3 项，其中国家级一等奖 1 项、市级一等奖 1 项 (a pending
//	                national award, one dated 2025-08-31 and a 地市级 one do not count)
//	certificates    50.0%（1/2）(a pending and a rejected sitting do not count)
//	双证书          50.0%（1/2）: 张一 (passed) and 张二 (failed) graduated 2026-07-01
//	国家奖学金      1 人次 (a 三好学生 does not count)
//	initial employment 100.0%（2/2）, relevant 100.0%（1/1）
//	training        120 人次 (a session starting 2026-09-01 is next year)
//	teacher awards  市级以上 2 项，其中国家级一等奖 1 项、市级一等奖 1 项
//
// Employer survey answers are dated today (they are submitted now): one
// 很满意 and one 一般, so satisfaction is 50.0%（1/2）over a period that
// includes today and 无数据 over the school year.
func SeedKPI(t testing.TB, st *storage.Storage, f *School) KPIRecords {
	t.Helper()
	ctx, a, sid := context.Background(), model.SystemActor, f.School.ID
	var k KPIRecords
	ev := func(e model.Evidence, verify, reject bool) int64 {
		e.TermID = f.Term.ID
		must(t, st.CreateEvidence(ctx, sid, a, &e))
		if verify || reject {
			must(t, st.ReviewEvidence(ctx, sid, a, e.ID, verify, "材料不符"))
		}
		return e.ID
	}
	comp := func(student int64, level, prize, date string) model.Evidence {
		return model.Evidence{StudentID: student, Kind: model.EvidenceCompetition, Title: "技能大赛 数控车", Level: level, Prize: prize, Date: date}
	}
	k.AwardNationalFirst = ev(comp(f.StudentA1.ID, model.AwardNational, model.PrizeFirst, "2026-05-10"), true, false)
	k.AwardProvincialFirst = ev(comp(f.StudentA2.ID, model.AwardProvincial, model.PrizeFirst, "2025-09-01"), true, false)
	k.AwardProvincialSecond = ev(comp(f.StudentB1.ID, model.AwardProvincial, model.PrizeSecond, "2026-08-31"), true, false)
	k.AwardPending = ev(comp(f.StudentA1.ID, model.AwardNational, model.PrizeFirst, "2026-03-01"), false, false)
	k.AwardBeforeYear = ev(comp(f.StudentA1.ID, model.AwardProvincial, model.PrizeThird, "2025-08-31"), true, false)
	k.AwardCity = ev(comp(f.StudentA1.ID, model.AwardCity, model.PrizeFirst, "2026-03-01"), true, false)
	cert := func(student int64, passed bool) model.Evidence {
		return model.Evidence{StudentID: student, Kind: model.EvidenceCertificate, Title: "数控车铣加工（1+X 中级）", Category: model.CertSkillLevel, Level: model.CertIntermediate, Passed: passed, Date: "2026-01-10"}
	}
	k.CertPassed = ev(cert(f.StudentA1.ID, true), true, false)
	k.CertFailed = ev(cert(f.StudentA2.ID, false), true, false)
	k.CertPending = ev(cert(f.StudentB1.ID, true), false, false)
	ev(cert(f.StudentB1.ID, true), false, true)
	k.Scholarship = ev(model.Evidence{StudentID: f.StudentA1.ID, Kind: model.EvidenceHonour, Title: "国家奖学金", Category: "国家奖学金", Level: model.AwardNational, Date: "2026-01-01"}, true, false)
	ev(model.Evidence{StudentID: f.StudentA2.ID, Kind: model.EvidenceHonour, Title: "三好学生", Category: "三好学生", Level: model.AwardSchool, Date: "2026-01-01"}, true, false)
	for _, s := range []int64{f.StudentA1.ID, f.StudentA2.ID} {
		must(t, st.ChangeEnrollment(ctx, sid, a, s, model.StatusGraduated, "2026-07-01", "毕业"))
	}
	must(t, st.AddDestination(ctx, sid, a, &model.GraduateDestination{StudentID: f.StudentA1.ID, Kind: "employed", EnterpriseID: f.Enterprise.ID, Employer: f.Enterprise.Name, Relevant: true, SurveyDate: "2026-08-31", FirstSurvey: true}))
	must(t, st.AddDestination(ctx, sid, a, &model.GraduateDestination{StudentID: f.StudentA2.ID, Kind: "further_study", FurtherSchool: "重庆某职业技术学院", SurveyDate: "2026-07-15", FirstSurvey: true}))
	must(t, st.AddDestination(ctx, sid, a, &model.GraduateDestination{StudentID: f.StudentA2.ID, Kind: "not_employed", SurveyDate: "2026-08-01", FirstSurvey: false}))
	must(t, st.AddTrainingSession(ctx, sid, a, &model.TrainingSession{Title: "新能源汽车维修技能培训", StartsOn: "2026-03-01", EndsOn: "2026-03-05", Trainees: 120, Served: "区内企业"}))
	must(t, st.AddTrainingSession(ctx, sid, a, &model.TrainingSession{Title: "社区电工培训", StartsOn: "2026-09-01", EndsOn: "2026-09-02", Trainees: 50, Served: "街道社区"}))
	must(t, st.AddTeacherAward(ctx, sid, a, &model.TeacherAward{TeacherID: f.TeacherHead.ID, Title: "教学能力比赛", Level: model.AwardNational, Prize: model.PrizeFirst, AwardedOn: "2026-06-01"}))
	must(t, st.AddTeacherAward(ctx, sid, a, &model.TeacherAward{TeacherID: f.TeacherSubject.ID, Title: "教学能力比赛", Level: model.AwardProvincial, Prize: model.PrizeFirst, AwardedOn: "2026-06-02"}))

	k.Enterprise2 = model.Enterprise{Name: "测试机械制造有限公司", CreditCode: idcheck.MakeCreditCode("91500000MA6U" + pad5(sid))}
	must(t, st.CreateEnterprise(ctx, sid, a, &k.Enterprise2))
	k.Survey = model.EmployerSurvey{Title: "用人单位满意度调查", OpensOn: "2026-01-01", ClosesOn: "2099-12-31",
		Questions: []model.SurveyQuestion{{Code: "q1", Text: "职业道德"}, {Code: "q2", Text: "专业技能"}}}
	must(t, st.CreateSurvey(ctx, sid, a, &k.Survey))
	tok1, tok2 := "seed-token-1-"+f.School.Code, "seed-token-2-"+f.School.Code
	if _, err := st.Invite(ctx, sid, a, k.Survey.ID, map[int64]string{f.Enterprise.ID: auth.HashToken(tok1), k.Enterprise2.ID: auth.HashToken(tok2)}); err != nil {
		t.Fatal(err)
	}
	today := storage.Today()
	for tok, overall := range map[string]int{tok1: 5, tok2: 3} {
		inv, err := st.InvitationByTokenHash(ctx, auth.HashToken(tok))
		must(t, err)
		must(t, st.SubmitSurveyResponse(ctx, inv, &model.SurveyResponse{Answers: map[string]int{"q1": overall, "q2": 4}, Overall: overall}, today))
	}
	return k
}

func pad5(n int64) string {
	s := "00000" + strconv.FormatInt(n%100000, 10)
	return s[len(s)-5:]
}
