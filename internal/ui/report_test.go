package ui_test

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

var verifyCodeRe = regexp.MustCompile(`验证码：<strong>([0-9A-Z-]+)</strong>`)

// TestReportPermissions: who may print which card, when; the class
// workbook; the public verification page.
func TestReportPermissions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		cycleID, _, move := computedCycle(t, s)
		card := func(id int64) string { return "/reports/" + cycleID + "/students/" + itoa(id) }
		a1, a2, b1 := s.a.StudentA1.ID, s.a.StudentA2.ID, s.a.StudentB1.ID
		want := func(c *client, path string, code int, contains string) string {
			t.Helper()
			got, body := c.get(path)
			if got != code || (contains != "" && !strings.Contains(body, contains)) {
				t.Fatalf("GET %s: %d, want %d with %q\n%.400s", path, got, code, contains, body)
			}
			return body
		}

		// Computed, not yet 公示: staff of the class print, families not.
		ht := s.login(t, "banzhuren@a1")
		if body := want(ht, card(a1)+".pdf", 200, ""); !strings.HasPrefix(body, "%PDF-") {
			t.Fatal("head teacher's download is not a PDF")
		}
		want(ht, card(b1)+".pdf", 404, "")
		want(ht, card(b1), 404, "")
		stu := s.login(t, "xs1@a1")
		want(stu, card(a1)+".pdf", 404, "结果尚未公示")
		want(stu, "/reports", 200, "结果尚未公示")
		parent := s.login(t, "jiazhang@a1")
		want(parent, card(a1)+".pdf", 404, "结果尚未公示")

		move("publicised")
		want(stu, card(a1)+".pdf", 200, "%PDF-")
		want(stu, card(a2)+".pdf", 404, "")
		want(stu, card(b1)+".pdf", 404, "")
		want(stu, "/reports/archive/students/"+itoa(a2)+".pdf", 404, "")
		want(stu, "/reports/archive/students/"+itoa(a1)+".pdf", 200, "%PDF-")
		page := want(stu, card(a1), 200, s.a.StudentA1.Name)
		for _, w := range []string{"中等职业学校学生综合素质评价报告单", s.a.School.Name, "德", "职业技能", "班主任签字", "学校（盖章）", `<svg class="radar"`, `<svg class="qr"`} {
			if !strings.Contains(page, w) {
				t.Errorf("printable page lacks %q", w)
			}
		}
		if strings.Contains(page, s.a.StudentA1.IDNumber) {
			t.Error("printable page shows the full ID number")
		}
		want(stu, "/reports", 200, card(a1)+".pdf")
		want(parent, card(a1)+".pdf", 200, "%PDF-")
		want(parent, card(a2)+".pdf", 404, "")
		want(s.login(t, "xs2@a1"), card(a1)+".pdf", 404, "")
		// Another school's accounts never see it, admin included.
		other := s.login(t, "admin@b1")
		want(other, card(a1)+".pdf", 404, "")
		want(other, card(a1), 404, "")
		want(other, "/reports/archive/students/"+itoa(a1)+".pdf", 404, "")
		// Unknown ids and extensions.
		want(stu, card(a1)+".docx", 404, "")
		want(ht, "/reports/"+cycleID+"/students/999999.pdf", 404, "")

		// Class workbook: staff of the class with report:export.
		code, body := ht.get("/reports/" + cycleID + "/classes/" + itoa(s.a.ClassA.ID) + ".xlsx")
		if code != 200 {
			t.Fatalf("xlsx: %d", code)
		}
		x, err := excelize.OpenReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows("评价结果")
		if len(rows) != 4 || !strings.Contains(strings.Join(rows[1], ","), "德得分") || !strings.Contains(strings.Join(rows[1], ","), "综合等级") {
			t.Fatalf("xlsx rows: %v", rows)
		}
		if notes, _ := x.GetRows("说明"); len(notes) < 5 {
			t.Fatalf("xlsx notes: %v", notes)
		}
		want(ht, "/reports/"+cycleID+"/classes/"+itoa(s.a.ClassB.ID)+".xlsx", 404, "")
		want(stu, "/reports/"+cycleID+"/classes/"+itoa(s.a.ClassA.ID)+".xlsx", 403, "")

		// Verification: the code on the page is valid for anyone; one
		// symbol changed or unknown is invalid and shows nothing.
		m := verifyCodeRe.FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no verification code on the page")
		}
		anon := s.anon(t)
		ok := want(anon, "/verify/"+m[1], 200, "有效")
		res, err := st.StudentResult(context.Background(), s.a.School.ID, mustInt(cycleID), a1)
		if err != nil || res.Level == "" {
			t.Fatalf("result of A1: %q %v", res.Level, err)
		}
		for _, w := range []string{s.a.StudentA1.Name, s.a.School.Name, "2026-2027学年第一学期", string(res.Level)} {
			if !strings.Contains(ok, w) {
				t.Errorf("valid verification lacks %q", w)
			}
		}
		for _, no := range []string{s.a.StudentA1.StudentNo, "班级", s.a.StudentA1.IDNumber, idcheck.MaskID(s.a.StudentA1.IDNumber)} {
			if strings.Contains(ok, no) {
				t.Errorf("verification page shows %q", no)
			}
		}
		last := m[1][len(m[1])-2]
		swap := byte('7')
		if last == '7' {
			swap = '8'
		}
		tampered := m[1][:len(m[1])-2] + string(swap) + m[1][len(m[1])-1:]
		for _, bad := range []string{tampered, "ABCD-EFGH-JKMN-P", "nonsense"} {
			body := want(anon, "/verify/"+bad, 200, "无效")
			if strings.Contains(body, s.a.StudentA1.Name) || strings.Contains(body, "✓") {
				t.Errorf("invalid code %s shows data", bad)
			}
		}
		// The form sends a typed code to its page.
		if code, _, loc := anon.do(mustReq("GET", s.srv.URL+"/verify?code="+url.QueryEscape(strings.ToLower(m[1])))); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/verify/") {
			t.Errorf("verify form: %d %s", code, loc)
		}
		// An address that keeps trying invalid codes is slowed down (20 in
		// 15 minutes, as failed logins), and then learns nothing, valid or
		// not. Three invalid codes were tried above: 16 more make 19, still
		// answered; the 20th blocks.
		for i := 0; i < 16; i++ {
			anon.get("/verify/ABCD-EFGH-JKMN-" + string(rune('A'+i)))
		}
		want(anon, "/verify/"+m[1], 200, "有效")
		anon.get("/verify/ABCD-EFGH-JKMN-Z")
		if code, body := anon.get("/verify/" + m[1]); code != http.StatusTooManyRequests || strings.Contains(body, s.a.StudentA1.Name) || !strings.Contains(body, "尝试次数过多") {
			t.Errorf("after 20 invalid codes: %d", code)
		}
	})
}

func mustReq(method, u string) *http.Request {
	r, err := http.NewRequest(method, u, nil)
	if err != nil {
		panic(err)
	}
	return r
}

// TestReportBatchJob: a head teacher exports class A through the pages; a
// student without a result is listed with the reason; the ZIP has one PDF
// per other student; others cannot see the job; the export is audited.
func TestReportBatchJob(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		cycleID, _, _ := computedCycle(t, s)
		ctx := context.Background()
		late := model.Student{StudentNo: "a1-late", Name: "插班生", Gender: model.Female, IDType: model.IDPassport, IDNumber: "E7654321", ClassID: s.a.ClassA.ID, EnrollmentStatus: model.StatusEnrolled}
		if err := st.CreateStudent(ctx, s.a.School.ID, model.SystemActor, &late); err != nil {
			t.Fatal(err)
		}
		ht := s.login(t, "banzhuren@a1")
		code, _, loc := ht.postForm("/reports/jobs", url.Values{"cycle": {cycleID}, "kind": {"class"}, "target": {itoa(s.a.ClassA.ID)}})
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/reports/jobs/") {
			t.Fatalf("create job: %d %s", code, loc)
		}
		var body string
		deadline := time.Now().Add(60 * time.Second)
		for {
			_, body = ht.get(loc)
			if strings.Contains(body, `data-state="done"`) || strings.Contains(body, `data-state="failed"`) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("job did not finish:\n%s", body)
			}
			time.Sleep(200 * time.Millisecond)
		}
		for _, w := range []string{`data-state="done"`, "3 / 3", "100%", "插班生", "本评价周期没有该生的评价结果", loc + ".zip"} {
			if !strings.Contains(body, w) {
				t.Errorf("job page lacks %q", w)
			}
		}
		if strings.Contains(body, "hx-trigger") {
			t.Error("a finished job still polls")
		}
		code, data := ht.get(loc + ".zip")
		if code != 200 {
			t.Fatalf("zip: %d", code)
		}
		zr, err := zip.NewReader(bytes.NewReader([]byte(data)), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		joined := strings.Join(names, ",")
		if len(names) != 3 || !strings.Contains(joined, s.a.StudentA1.StudentNo+"_张一.pdf") || !strings.Contains(joined, "未能生成的学生.txt") {
			t.Errorf("zip files: %v", names)
		}
		// The job is the head teacher's: a classmate's head teacher of
		// another school, a student, or another school's admin cannot open it.
		for _, u := range []string{"admin@b1", "banzhuren@b1"} {
			if code, _ := s.login(t, u).get(loc); code != 404 {
				t.Errorf("%s opens the job: %d", u, code)
			}
		}
		if code, _ := s.login(t, "xs1@a1").get(loc + ".zip"); code != 403 {
			t.Errorf("student downloads the zip: %d", code)
		}
		// School-wide staff see the school's jobs.
		if code, body := s.login(t, "admin@a1").get(loc); code != 200 || !strings.Contains(body, `data-state="done"`) || !strings.Contains(body, loc+".zip") {
			t.Errorf("school admin: %d", code)
		}
		// Out of scope: class B and a cohort for a head teacher.
		for _, f := range []url.Values{
			{"cycle": {cycleID}, "kind": {"class"}, "target": {itoa(s.b.ClassA.ID)}},
			{"cycle": {cycleID}, "kind": {"class"}, "target": {itoa(s.a.ClassB.ID)}},
			{"cycle": {cycleID}, "kind": {"cohort"}, "target": {"2026"}},
		} {
			if code, _, _ := ht.postForm("/reports/jobs", f); code != 404 {
				t.Errorf("job %v: %d, want 404", f, code)
			}
		}
		entries, _, err := st.AuditLog(ctx, s.a.School.ID, storage.AuditFilter{Entity: "report_job", ListQuery: model.ListQuery{PerPage: 10}})
		if err != nil || len(entries) < 2 {
			t.Errorf("audit: %d entries, %v", len(entries), err)
		}
	})
}
