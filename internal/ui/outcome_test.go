package ui_test

import (
	"bytes"
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestOutcomePages: destinations, training and teachers' awards are added
// with outcome:manage only, corrected with an audit entry, never reached
// across schools; the import is all or nothing with row-level errors.
func TestOutcomePages(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	ctx := context.Background()
	admin := s.login(t, "admin@a1")
	form := url.Values{"student_no": {s.a.StudentA1.StudentNo}, "kind": {"employed"}, "enterprise_id": {itoa(s.a.Enterprise.ID)}, "relevant": {"1"},
		"survey_date": {"2026-08-31"}, "first_survey": {"1"}, "position": {"数控操作工"}}
	if code, body, _ := admin.postForm("/outcomes", form); code != 303 {
		t.Fatalf("add destination: %d %s", code, body)
	}
	if code, _, _ := s.login(t, "zhuren@a1").postForm("/outcomes", form); code != 403 {
		t.Errorf("department head (outcome:read) added a destination: %d", code)
	}
	bad := url.Values{"student_no": {s.b.StudentA1.StudentNo}, "kind": {"employed"}, "survey_date": {"2026-08-31"}}
	if code, body, _ := admin.postForm("/outcomes", bad); code != 422 || !strings.Contains(body, "不是本校学生") {
		t.Errorf("other school's student: %d", code)
	}
	ds, _, err := st.ListDestinations(ctx, s.a.School.ID, storage.DestinationFilter{})
	if err != nil || len(ds) != 1 || ds[0].Employer != s.a.Enterprise.Name || !ds[0].Relevant {
		t.Fatalf("destinations %+v %v", ds, err)
	}
	id := itoa(ds[0].ID)
	if code, _ := s.login(t, "admin@b1").get("/outcomes/" + id + "/edit"); code != 404 {
		t.Errorf("school b edits school a's destination: %d", code)
	}
	form.Set("kind", "further_study")
	form.Set("further_school", "重庆某职业技术学院")
	if code, _, _ := admin.postForm("/outcomes/"+id, form); code != 303 {
		t.Fatalf("update: %d", code)
	}
	if d, _ := st.Destination(ctx, s.a.School.ID, ds[0].ID); d.Kind != "further_study" || d.Relevant {
		t.Errorf("after update %+v (relevance is asked of the employed only)", d)
	}
	if log, _, err := st.AuditLog(ctx, s.a.School.ID, storage.AuditFilter{Entity: "graduate_destination", Action: "update"}); err != nil ||
		len(log) != 1 || log[0].EntityID != ds[0].ID || !strings.Contains(log[0].Before, "employed") || !strings.Contains(log[0].After, "further_study") {
		t.Errorf("the correction is not in the audit log: %+v %v", log, err)
	}
	if code, body := admin.get("/outcomes?kind=further_study"); code != 200 || !strings.Contains(body, "重庆某职业技术学院") {
		t.Errorf("list: %d", code)
	}

	// Import: one bad row and nothing is written; then a good file.
	sheet := func(rows ...[]string) []byte {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &[]string{"学号", "姓名", "毕业去向", "就业单位", "岗位", "专业对口", "升学院校", "调查日期", "首次调查", "备注"})
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			f.SetSheetRow("Sheet1", cell, &r)
		}
		var buf bytes.Buffer
		f.Write(&buf)
		return buf.Bytes()
	}
	good := []string{s.a.StudentA2.StudentNo, s.a.StudentA2.Name, "受雇就业", "某公司", "", "是", "", "2026-08-30", "是", ""}
	code, body := admin.postFile("/outcomes/import", "d.xlsx", sheet(good, []string{s.a.StudentB1.StudentNo, "错名", "闲着", "", "", "也许", "", "明天", "", ""}))
	if code != 422 || !strings.Contains(body, "第 3 行") || !strings.Contains(body, "「毕业去向」“闲着”") || !strings.Contains(body, "「姓名」“错名”") || !strings.Contains(body, "「调查日期」") {
		t.Fatalf("bad import: %d %s", code, body)
	}
	if _, n, _ := st.ListDestinations(ctx, s.a.School.ID, storage.DestinationFilter{}); n != 1 {
		t.Fatalf("a failed import wrote %d rows", n-1)
	}
	if code, _ := admin.postFile("/outcomes/import", "d.xlsx", sheet(good)); code != 303 {
		t.Fatalf("good import: %d", code)
	}
	if _, n, _ := st.ListDestinations(ctx, s.a.School.ID, storage.DestinationFilter{}); n != 2 {
		t.Fatalf("after import %d", n)
	}
	if code, body := admin.get("/outcomes/import/template"); code != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("template: %d", code)
	}

	// Training and teachers' awards.
	keyan := s.login(t, "keyan@a1") // 科研处: outcome:manage
	if code, body, _ := keyan.postForm("/outcomes/training", url.Values{"title": {"社区电工培训"}, "starts_on": {"2026-03-01"}, "ends_on": {"2026-03-02"}, "trainees": {"45"}, "served": {"某街道"}}); code != 303 {
		t.Fatalf("training: %d %s", code, body)
	}
	if code, body, _ := keyan.postForm("/outcomes/training", url.Values{"title": {"x"}, "starts_on": {"2026-03-05"}, "ends_on": {"2026-03-01"}, "trainees": {"0"}}); code != 422 || !strings.Contains(body, "培训人次") {
		t.Errorf("bad training: %d", code)
	}
	if code, _, _ := keyan.postForm("/outcomes/teacher-awards", url.Values{"teacher_id": {itoa(s.b.TeacherHead.ID)}, "title": {"教学能力比赛"}, "level": {model.AwardNational}, "prize": {model.PrizeFirst}, "awarded_on": {"2026-06-01"}}); code != 422 {
		t.Errorf("another school's teacher: %d", code)
	}
	if code, _, _ := keyan.postForm("/outcomes/teacher-awards", url.Values{"teacher_id": {itoa(s.a.TeacherHead.ID)}, "title": {"教学能力比赛"}, "level": {model.AwardNational}, "prize": {model.PrizeFirst}, "awarded_on": {"2026-06-01"}}); code != 303 {
		t.Errorf("teacher award: %d", code)
	}
	if _, body := s.login(t, "admin@b1").get("/outcomes/training"); strings.Contains(body, "社区电工培训") {
		t.Error("school b sees school a's training")
	}
	if _, body := admin.get("/outcomes/teacher-awards"); !strings.Contains(body, "王老师") {
		t.Error("teacher award not listed")
	}
}

var linkRe = regexp.MustCompile(`/s/(zj_[0-9a-f]{64})`)

// TestSurveyLinks: a survey's private links answer once, inside the
// survey's dates; used, expired, not yet open and unknown links write
// nothing; results aggregate per question and into the KPI.
func TestSurveyLinks(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	ctx := context.Background()
	admin := s.login(t, "admin@a1")
	today := storage.Today()
	later := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	code, _, loc := admin.postForm("/surveys", url.Values{"title": {"2026年用人单位满意度调查"}, "opens_on": {today}, "closes_on": {later}, "questions": {"职业道德\n专业技能\n\n专业技能"}})
	if code != 303 || !strings.HasPrefix(loc, "/surveys/") {
		t.Fatalf("create: %d %s", code, loc)
	}
	if code, _, _ := s.login(t, "zhuren@a1").postForm("/surveys", url.Values{"title": {"x"}}); code != 403 {
		t.Errorf("department head created a survey: %d", code)
	}
	code, body, _ := admin.postForm(loc+"/invite", url.Values{"enterprise_id": {itoa(s.a.Enterprise.ID), itoa(s.b.Enterprise.ID)}})
	links := linkRe.FindAllStringSubmatch(body, -1)
	if code != 200 || len(links) != 1 || !strings.Contains(body, s.a.Enterprise.Name) {
		t.Fatalf("invite: %d, %d links (school b's enterprise must be ignored)", code, len(links))
	}
	token := links[0][1]
	if _, body := admin.get(loc); strings.Contains(body, token) {
		t.Error("the link is shown again after the invitation")
	}
	if code, _ := s.login(t, "admin@b1").get(loc); code != 404 {
		t.Errorf("school b opens school a's survey: %d", code)
	}
	anon := s.anon(t)
	code, body = anon.get("/s/" + token)
	if code != 200 || !strings.Contains(body, s.a.Enterprise.Name) || !strings.Contains(body, "职业道德") || strings.Count(body, `name="q_`) != 10 {
		t.Fatalf("answer page: %d, %d radios", code, strings.Count(body, `name="q_`))
	}
	if code, body, _ := anon.postForm("/s/"+token, url.Values{"q_q1": {"5"}, "overall": {"4"}}); code != 422 || !strings.Contains(body, "专业技能") {
		t.Errorf("incomplete answer: %d", code)
	}
	if code, body, _ := anon.postForm("/s/"+token, url.Values{"q_q1": {"5"}, "q_q2": {"3"}, "overall": {"4"}, "comment": {"学生踏实肯干"}}); code != 200 || !strings.Contains(body, "提交成功") {
		t.Fatalf("answer: %d %s", code, body)
	}
	if code, body, _ := anon.postForm("/s/"+token, url.Values{"q_q1": {"1"}, "q_q2": {"1"}, "overall": {"1"}}); code != 410 || !strings.Contains(body, "已经提交过") {
		t.Errorf("second answer: %d", code)
	}
	if code, body := anon.get("/s/zj_" + strings.Repeat("0", 64)); code != 404 || !strings.Contains(body, "链接无效") {
		t.Errorf("unknown link: %d", code)
	}
	// An expired survey and one not yet open, invited through storage.
	for _, c := range []struct {
		open, close string
		code        int
		msg         string
	}{{"2025-01-01", "2025-02-01", 410, "截止"}, {"2098-01-01", "2099-01-01", 403, "尚未开放"}} {
		sv := model.EmployerSurvey{Title: "x", OpensOn: c.open, ClosesOn: c.close, Questions: []model.SurveyQuestion{{Code: "q1", Text: "职业道德"}}}
		if err := st.CreateSurvey(ctx, s.a.School.ID, model.SystemActor, &sv); err != nil {
			t.Fatal(err)
		}
		tok, _, hash := auth.NewAPIToken()
		if _, err := st.Invite(ctx, s.a.School.ID, model.SystemActor, sv.ID, map[int64]string{s.a.Enterprise.ID: hash}); err != nil {
			t.Fatal(err)
		}
		if code, body := anon.get("/s/" + tok); code != c.code || !strings.Contains(body, c.msg) {
			t.Errorf("survey %s–%s: %d", c.open, c.close, code)
		}
		if code, _, _ := anon.postForm("/s/"+tok, url.Values{"q_q1": {"5"}, "overall": {"5"}}); code != c.code {
			t.Errorf("answer to survey %s–%s: %d", c.open, c.close, code)
		}
		if rs, err := st.SurveyResponses(ctx, s.a.School.ID, sv.ID, time.Time{}, time.Time{}); err != nil || len(rs) != 0 {
			t.Errorf("survey %s–%s got an answer", c.open, c.close)
		}
	}
	code, body = admin.get(loc)
	if code != 200 || !strings.Contains(body, "100.0%（1/1）") || !strings.Contains(body, "学生踏实肯干") || !strings.Contains(body, "1 / 1") {
		t.Errorf("results: %d", code)
	}
	if code, body := admin.get(loc + "/export.xlsx"); code != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("export: %d", code)
	}
	if _, body := admin.get("/kpi?p=custom&from=" + today + "&to=" + today); !strings.Contains(body, "100.0%（1/1）") {
		t.Error("the answer does not count in 用人单位满意率")
	}
}
