package ui_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
)

func devRosterXLSX(t *testing.T, rows ...[]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	all := append([][]string{{"工号", "姓名", "备注"}}, rows...)
	for i, r := range all {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func devRecord(t *testing.T, st *storage.Storage, school int64, loc string) model.DevelopmentRecord {
	t.Helper()
	var id int64
	for _, c := range strings.TrimPrefix(loc, "/development/records/") {
		id = id*10 + int64(c-'0')
	}
	d, err := st.DevelopmentRecord(context.Background(), school, id)
	if err != nil {
		t.Fatalf("record of %s: %v", loc, err)
	}
	return d
}

// A teacher adds their certificate with a photo: it waits for the 人事处,
// is seen by them and their department head, not by another teacher nor
// the other school; the 人事处 verifies it (never its own), enters one for
// a teacher, verified at once, and imports a roster.
func TestDevelopmentRecordPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		ctx := context.Background()
		sid := s.a.School.ID
		teacher := s.login(t, "renke@a1")
		cert := url.Values{"kind": {"certificate"}, "title": {"数控车工（高级）"}, "starts_on": {"2025-06-01"}, "issuer": {"市人社局"}, "number": {"S2025-01"}}
		bad := url.Values{"kind": {"certificate"}, "title": {"数控车工"}, "starts_on": {"2025-06-01"}}
		if code, body, _ := teacher.evPost("/development/records", bad, "", "", nil); code != http.StatusUnprocessableEntity || !strings.Contains(body, "发证机构不能为空") {
			t.Fatalf("certificate without issuer: %d", code)
		}
		code, _, loc := teacher.evPost("/development/records", cert, "proof", "证书.png", evTinyPNG(t))
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/development/records/") {
			t.Fatalf("create: %d %s", code, loc)
		}
		d := devRecord(t, st, sid, loc)
		if d.Status != teacherdev.StatusPending || d.TeacherID != s.a.TeacherSubject.ID || d.Source != teacherdev.SourceSelf {
			t.Fatalf("self-reported = %+v", d)
		}
		if _, body := teacher.get("/development/records/mine"); !strings.Contains(body, "数控车工（高级）") {
			t.Error("the teacher's own list lacks the certificate")
		}
		if code, body := teacher.get(loc); code != http.StatusOK || !strings.Contains(body, "证书.png") || !strings.Contains(body, "/edit") {
			t.Errorf("the teacher's page: %d", code)
		}
		for user, want := range map[string]int{"banzhuren@a1": 404, "zhuren@a1": 200, "renshi@a1": 200, "admin@b1": 404, "keyan@a1": 403} {
			if code, _ := s.login(t, user).get(loc); code != want {
				t.Errorf("%s reads the record: %d, want %d", user, code, want)
			}
		}
		if code, _, _ := teacher.postForm("/development/records/review", url.Values{"id": {itoa(d.ID)}, "decision": {"verify"}}); code != http.StatusForbidden {
			t.Errorf("a teacher verifies: %d", code)
		}
		// A 人事处 account that is also this teacher cannot verify the record.
		own := model.User{Username: "renshi2@a1", DisplayName: "人事兼课", PasswordHash: s.a.Users[model.RolePersonnel].PasswordHash,
			Roles: []string{model.RolePersonnel, model.RoleSubjectTeacher}, TeacherID: s.a.TeacherSubject.ID}
		if err := st.CreateUser(ctx, sid, model.SystemActor, &own); err != nil {
			t.Fatal(err)
		}
		self := s.login(t, "renshi2@a1")
		self.postForm("/development/records/review", url.Values{"id": {itoa(d.ID)}, "decision": {"verify"}})
		if devRecord(t, st, sid, loc).Status != teacherdev.StatusPending {
			t.Fatal("a reviewer verified their own record")
		}
		office := s.login(t, "renshi@a1")
		if _, body := office.get("/development/records/review"); !strings.Contains(body, "数控车工（高级）") {
			t.Error("the queue lacks the certificate")
		}
		if code, _, _ := office.postForm("/development/records/review", url.Values{"id": {itoa(d.ID)}, "decision": {"verify"}}); code != http.StatusSeeOther {
			t.Fatalf("verify: %d", code)
		}
		if got := devRecord(t, st, sid, loc); got.Status != teacherdev.StatusVerified {
			t.Fatalf("after verify: %+v", got)
		}
		if code, _, _ := teacher.postForm(loc, cert); code != http.StatusForbidden {
			t.Errorf("the teacher edits a verified record: %d", code)
		}
		// The office enters a practice period for a teacher: verified at once.
		practice := url.Values{"kind": {"enterprise"}, "teacher": {"王老师 T001"}, "title": {"数控车间工艺员"}, "starts_on": {"2026-07-01"}, "ends_on": {"2026-07-31"},
			"days": {"22"}, "enterprise_id": {itoa(s.a.Enterprise.ID)}}
		code, _, loc = office.evPost("/development/records", practice, "", "", nil)
		if code != http.StatusSeeOther {
			t.Fatalf("office create: %d", code)
		}
		if p := devRecord(t, st, sid, loc); p.Status != teacherdev.StatusVerified || p.TeacherID != s.a.TeacherHead.ID || p.Days != 22 {
			t.Fatalf("office's practice = %+v", p)
		}
		if code, _, _ := office.postForm(loc+"/confirm", url.Values{"confirmed_by": {"周经理"}}); code != http.StatusSeeOther || !devRecord(t, st, sid, loc).EnterpriseConfirmed {
			t.Errorf("confirm: %d", code)
		}
		// A roster: a bad row refuses all, a good one writes the batch.
		course := url.Values{"kind": {"national"}, "title": {"国培计划 数控骨干教师"}, "provider": {"师范大学"}, "starts_on": {"2026-07-06"}, "ends_on": {"2026-07-24"}, "hours": {"120"}}
		code, body, _ := office.postMultipart("/development/records/import", course, "名单.xlsx", devRosterXLSX(t, []string{"T001", "王老师"}, []string{"T404", "无名"}))
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "第 3 行：「工号」“T404”不是本校教师") {
			t.Fatalf("bad roster: %d", code)
		}
		code, _, loc = office.postMultipart("/development/records/import", course, "名单.xlsx", devRosterXLSX(t, []string{"T001", "王老师"}, []string{"T002", "李老师"}))
		if code != http.StatusSeeOther || !strings.Contains(loc, "batch=") {
			t.Fatalf("good roster: %d %s", code, loc)
		}
		if _, body := office.get(loc); strings.Count(body, "国培计划 数控骨干教师") != 2 {
			t.Error("the batch's list does not show both teachers")
		}
		if code, body := office.get("/development/records/export?kind=national"); code != http.StatusOK || !strings.HasPrefix(body, "PK") {
			t.Errorf("export: %d", code)
		}
		if code, _ := teacher.get("/development/records/export"); code != http.StatusForbidden {
			t.Errorf("a teacher exports: %d", code)
		}
	})
}

// growDevelopment adds n self-reported trainings of the subject teacher.
func growDevelopment(t *testing.T, g *grower, n int) string {
	ctx, st, f := context.Background(), g.s.st, g.s.a
	var title string
	for range n {
		g.made++
		title = fmt.Sprintf("计数培训%02d：专业课教学能力提升", g.made)
		d := model.DevelopmentRecord{TeacherID: f.TeacherSubject.ID, Kind: "school", Title: title, StartsOn: "2026-03-02", EndsOn: "2026-03-06", Hours: 8}
		if err := st.CreateDevelopmentRecord(ctx, f.School.ID, model.SystemActor, &d, storage.DevelopmentWrite{}); err != nil {
			t.Fatal(err)
		}
	}
	return title
}
