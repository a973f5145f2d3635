package e2e

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

func TestZZShots(t *testing.T) {
	st := testdb.SQLite(t)
	f := testfix.Build(t, st, "zz", true)
	sid, ht, subj := f.School.ID, f.TeacherHead, f.TeacherSubject
	p := testfix.AddResearchOutput(t, st, sid, testfix.ResearchOutput{Kind: research.KindPaper, Title: "数控编程课程思政探索与实践", Grade: "核心期刊", DatedOn: "2026-10-08",
		Authors: []testfix.ResearchAuthor{{TeacherID: ht.ID, Name: ht.Name, Role: research.RoleFirstAuthor}, {TeacherID: subj.ID, Name: subj.Name, Role: research.RoleAuthor}}})
	q := testfix.AddResearchOutput(t, st, sid, testfix.ResearchOutput{Kind: research.KindProject, Title: "产教融合实训基地建设研究", Level: "国家级",
		Stages: [][2]string{{research.StageApproved, "2026-09-20"}, {research.StageConcluded, "2027-04-01"}}, Authors: []testfix.ResearchAuthor{{TeacherID: ht.ID, Name: ht.Name, Role: research.RoleLead}, {TeacherID: subj.ID, Name: subj.Name, Role: research.RoleMember}}})
	ctx := context.Background()
	a := model.Actor{UserID: f.Users[model.RoleResearch].ID}
	ra, _ := st.CreateResearchAssessment(ctx, sid, a, storage.NewResearchAssessment{TermID: f.Term.ID})
	st.ClaimResearch(ctx, sid, a, ra.ID, ht.ID, []int64{p, q}, true)
	st.ClaimResearch(ctx, sid, a, ra.ID, subj.ID, []int64{p, q}, true)
	st.MoveResearchAssessment(ctx, sid, a, ra.ID, research.StateReviewing)
	st.ComputeResearch(ctx, sid, a, ra.ID)
	st.MoveResearchAssessment(ctx, sid, a, ra.ID, research.StatePublicised)
	st.AppealResearch(ctx, sid, a, ra.ID, subj.ID, "合作论文位次有误")
	site := Serve(t, st, ui.Options{})
	for _, w := range []int64{390, 0} {
		o := Browser(t)
		phoneLogin(t, o, site.URL, "keyan@zz", w)
		for _, pg := range []string{"/research/rules", "/research/assessments", "/research/assessments/" + itoa(ra.ID), "/research/assessments/" + itoa(ra.ID) + "/claims?teacher=" + itoa(ht.ID), "/research/rules/" + itoa(ra.RuleSetID)} {
			chromedp.Do(o, chromedp.Navigate(site.URL+pg), chromedp.WaitVisible(`main h1`))
			Screenshot(t, o, itoa(w)+"-office-"+itoa(int64(len(pg))))
			if pg == "/research/rules" {
				for i, y := range []string{"0", "document.body.scrollHeight"} {
					chromedp.Run(o, chromedp.Evaluate[bool]("window.scrollTo(0,"+y+"); true"))
					buf, err := chromedp.Run(o, chromedp.CaptureScreenshot())
					if err != nil {
						t.Fatal(err)
					}
					os.WriteFile("/tmp/ra_shots/rules-"+itoa(w)+"-"+itoa(int64(i))+".png", buf, 0o644)
				}
			}
		}
		tc := Browser(t)
		phoneLogin(t, tc, site.URL, "renke@zz", w)
		for _, pg := range []string{"/research/mine", "/research/assessments/" + itoa(ra.ID) + "/publicity"} {
			chromedp.Do(tc, chromedp.Navigate(site.URL+pg), chromedp.WaitVisible(`main h1`))
			Screenshot(t, tc, itoa(w)+"-teacher-"+itoa(int64(len(pg))))
		}
	}
}

