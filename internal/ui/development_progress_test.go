package ui_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// devProgressSeed gives school f's subject teacher (a 专业课教师) a
// verified 国培 of 40 学时, a pending 校本培训 and a certificate expiring
// soon, and no enterprise practice: behind on practice.
func devProgressSeed(t *testing.T, st *storage.Storage, f *testfix.School) {
	t.Helper()
	sid, tid := f.School.ID, f.TeacherSubject.ID
	testfix.ProgressRecord(t, st, sid, tid, teacherdev.Fact{Kind: teacherdev.KindNational, StartsOn: "2026-03-01", EndsOn: "2026-03-05", Hours: 40}, "国培数控骨干班")
	testfix.ProgressRecord(t, st, sid, tid, teacherdev.Fact{Kind: teacherdev.KindSchool, StartsOn: "2026-04-01", EndsOn: "2026-04-01", Hours: 6, Status: teacherdev.StatusPending}, "校本研修")
	testfix.ProgressRecord(t, st, sid, tid, teacherdev.Fact{Kind: teacherdev.KindCertificate, StartsOn: "2024-01-01", EndsOn: "2024-01-01", Level: "四级", ExpiresOn: daysFromToday(30)}, "数控车工")
}

// daysFromToday is the school's day n days from today.
func daysFromToday(n int) string {
	d, _ := time.Parse(time.DateOnly, storage.Today())
	return d.AddDate(0, 0, n).Format(time.DateOnly)
}

// The portrait: the teacher themself, their department head, the 人事处
// and the school admin see it; another teacher is refused, a role without
// development permissions stops at the guard, and another school's
// teacher is not found. The PDF downloads.
func TestTeacherPortraitVisibility(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		devProgressSeed(t, st, s.a)
		path := "/teachers/" + itoa(s.a.TeacherSubject.ID) + "/portrait"
		for user, want := range map[string]int{"renke@a1": 200, "zhuren@a1": 200, "renshi@a1": 200, "admin@a1": 200,
			"banzhuren@a1": 403, "jiaowu@a1": 403, "renshi@b1": 404, "admin@b1": 404} {
			code, body := s.login(t, user).get(path)
			if code != want {
				t.Errorf("%s %s: %d, want %d", user, path, code, want)
				continue
			}
			if code == 200 {
				for _, w := range []string{"教师画像", "40</b> / 360", "待核实", "数控车工", "即将到期", "chart-teacher-radar", "已落后"} {
					if !strings.Contains(body, w) {
						t.Errorf("%s: the portrait lacks %q", user, w)
					}
				}
			}
		}
		code, body := s.login(t, "renke@a1").get(path + ".pdf")
		if code != 200 || !strings.HasPrefix(body, "%PDF") {
			t.Fatalf("portrait.pdf: %d %.20q", code, body)
		}
		text := portraitPDFText(t, body)
		for _, w := range []string{"教师画像", s.a.TeacherSubject.Name, "数控车工", "40 / 360"} {
			if !strings.Contains(text, w) {
				t.Errorf("the PDF lacks %q: %s", w, text)
			}
		}
	})
}

// A department head reads only their departments' teachers; a teacher
// sees only their own line; the 人事处 sends a reminder once a month.
func TestDevelopmentProgressPage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		devProgressSeed(t, st, s.a)
		renshi := s.login(t, "renshi@a1")
		code, body := renshi.get("/development/progress?status=owing")
		if code != 200 || !strings.Contains(body, `dev-num">40 / 360`) || !strings.Contains(body, "提醒筛选出的教师") {
			t.Fatalf("progress for the 人事处 (%d): %s", code, body)
		}
		if _, body := s.login(t, "renke@a1").get("/development/progress"); !strings.Contains(body, s.a.TeacherSubject.Name) || strings.Contains(body, s.a.TeacherHead.Name) || strings.Contains(body, "提醒筛选出的教师") {
			t.Error("a teacher sees others' progress or the reminder")
		}
		// School b's fixture teachers share the names; a's 40 学时 are a's own.
		if _, body := s.login(t, "renshi@b1").get("/development/progress"); !strings.Contains(body, `dev-num">0 / 360`) || strings.Contains(body, `dev-num">40 / 360`) {
			t.Error("school b sees school a's teachers")
		}
		form := url.Values{"status": {"owing"}}
		if code, _, _ := renshi.postForm("/development/progress/remind", form); code != 303 {
			t.Fatalf("remind: %d", code)
		}
		renshi.postForm("/development/progress/remind", form)
		count := func() int {
			var n int
			if err := st.DB().QueryRow(`SELECT COUNT(*) FROM notifications WHERE school_id = $1 AND kind = 'development_reminder'`, s.a.School.ID).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		// The subject teacher's two accounts (renke, zhizhou share the
		// teacher) count once: the reminder goes to the first account.
		// The certificate expiring is a gap of its own.
		if n := count(); n != 3 {
			t.Errorf("reminders after two presses = %d, want 3 (training, practice and the certificate, once)", n)
		}
		renshi.postForm("/development/progress/remind", url.Values{})
		renshi.postForm("/development/progress/remind", url.Values{"status": {"certs"}})
		if n := count(); n != 3 {
			t.Errorf("reminders after other filters = %d, want still 3 (once a month)", n)
		}
		var text, link string
		if err := st.DB().QueryRow(`SELECT text, link FROM notifications WHERE school_id = $1 AND kind = 'development_reminder' AND text LIKE '证书提醒%'`, s.a.School.ID).Scan(&text, &link); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, "「数控车工」（四级）将于 "+daysFromToday(30)+" 到期（还有 30 天）") || link != "/development/records/mine" {
			t.Errorf("certificate reminder %q → %s", text, link)
		}
		var gap string
		if err := st.DB().QueryRow(`SELECT gap FROM development_reminders WHERE school_id = $1 AND gap LIKE 'cert:%'`, s.a.School.ID).Scan(&gap); err != nil || gap == "cert:" {
			t.Errorf("certificate reminder claim %q: %v", gap, err)
		}
		if code, _, _ := s.login(t, "renke@a1").postForm("/development/progress/remind", form); code != 403 {
			t.Errorf("a teacher sends reminders: %d", code)
		}
	})
}

// Settings save with a clear error for a bad value; 双师型 recognise and
// revoke from the lists.
func TestDevelopmentSettingsAndDual(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		renshi := s.login(t, "renshi@a1")
		good := url.Values{"cycle_hours": {"300"}, "cycle_start_year": {"2021"}, "cycle_years": {"5"}, "practice_days": {"180"}, "practice_years": {"5"}, "new_teacher_years": {"2"}}
		if code, _, _ := renshi.postForm("/development/settings", good); code != 303 {
			t.Fatalf("settings save: %d", code)
		}
		bad := url.Values{}
		for k, v := range good {
			bad[k] = v
		}
		bad.Set("cycle_hours", "很多")
		if code, body, _ := renshi.postForm("/development/settings", bad); code != 422 || !strings.Contains(body, "周期学时要求应为数字，现为“很多”") {
			t.Errorf("bad settings: %d", code)
		}
		if r, _ := st.DevelopmentRequirements(t.Context(), s.a.School.ID); r.CycleHours != 300 {
			t.Errorf("saved hours = %g", r.CycleHours)
		}
		if code, _ := s.login(t, "zhuren@a1").get("/development/settings"); code != 403 {
			t.Errorf("a department head opens the settings: %d", code)
		}
		tid := itoa(s.a.TeacherSubject.ID)
		if code, _, _ := renshi.postForm("/development/dual", url.Values{"teacher_id": {tid}, "level": {"中级"}, "on": {"2026-11-01"}}); code != 303 {
			t.Fatalf("recognise: %d", code)
		}
		// No record supports it: the teacher is in the second list.
		code, body := renshi.get("/development/dual")
		if code != 200 || !strings.Contains(body, "已认定但记录不再支持") || !strings.Contains(body, s.a.TeacherSubject.Name) {
			t.Errorf("dual page (%d)", code)
		}
		if code, _, _ := renshi.postForm("/development/dual", url.Values{"teacher_id": {itoa(s.b.TeacherSubject.ID)}, "level": {"初级"}, "on": {"2026-11-01"}}); code != 404 {
			t.Errorf("recognising another school's teacher: %d", code)
		}
		if code, _, _ := renshi.postForm("/development/dual", url.Values{"teacher_id": {tid}, "action": {"revoke"}, "on": {"2026-11-02"}, "reason": {"记录不支持"}}); code != 303 {
			t.Errorf("revoke: %d", code)
		}
		if gs, _ := st.TeacherRecognitions(t.Context(), s.a.School.ID, s.a.TeacherSubject.ID); len(gs) != 1 || gs[0].RevokedOn != "2026-11-02" {
			t.Errorf("recognitions after revoke: %+v", gs)
		}
	})
}

// portraitPDFText extracts the text of a PDF with pdftotext.
func portraitPDFText(t *testing.T, pdf string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils")
	}
	p := filepath.Join(t.TempDir(), "portrait.pdf")
	if err := os.WriteFile(p, []byte(pdf), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// growDevTeachers adds n teachers of the department, each with a
// verified training record, for the progress page's query count.
func growDevTeachers(t *testing.T, g *grower, n int) string {
	f := g.s.a
	return growEach(g, n, func(k int) string {
		tt := model.Teacher{StaffNo: fmt.Sprintf("DT%03d", k), Name: fmt.Sprintf("进度教师%02d", k), Gender: model.Male, DepartmentID: f.Department.ID}
		must(t, g.s.st.CreateTeacher(context.Background(), f.School.ID, model.SystemActor, &tt))
		testfix.ProgressRecord(t, g.s.st, f.School.ID, tt.ID, teacherdev.Fact{Kind: teacherdev.KindDistrict, StartsOn: "2026-05-01", EndsOn: "2026-05-02", Hours: 12}, "区培")
		return tt.Name
	})
}

// The portrait counts the ratings a teacher gave and shows the fairness
// flags raised on them in the latest cycle: the fixture's head teacher
// gives everyone full marks.
func TestTeacherPortraitRaterFlags(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		testfix.BuildFairnessClass(t, st, s.a)
		code, body := s.login(t, "banzhuren@a1").get("/teachers/" + itoa(s.a.TeacherHead.ID) + "/portrait")
		if code != 200 || !strings.Contains(body, "作为评价者") || strings.Contains(body, "共给出评价 <b>0</b>") {
			t.Fatalf("portrait (%d) lacks the ratings given", code)
		}
		if !strings.Contains(body, `class="pt-soon"`) || !strings.Contains(body, s.a.ClassA.Name) {
			t.Errorf("the head teacher's straight-lining is not flagged")
		}
	})
}
