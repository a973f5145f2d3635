package ui_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// progressSheet opens an exported progress workbook: its rows by 工号.
func progressSheet(t *testing.T, c *client, path string) map[string][]string {
	t.Helper()
	code, body := c.get(path)
	if code != 200 {
		t.Fatalf("%s: %d", path, code)
	}
	x, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("教师发展进度")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || !strings.HasPrefix(rows[0][0], "培训周期 ") || !slices.Equal(rows[1][:3], []string{"工号", "姓名", "专业部"}) {
		t.Fatalf("head rows %q", rows[:min(len(rows), 2)])
	}
	out := map[string][]string{}
	for _, r := range rows[2:] {
		out[r[0]] = append(r, make([]string, 17-len(r))...)
	}
	return out
}

// The progress export has the page's rows and scope: the 人事处 the
// school, a department head their departments; each teacher's hours,
// practice, status, 双师型 level and certificates to renew. The page
// and the teacher's own records show the expiring certificate.
func TestDevelopmentProgressExport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		ctx := t.Context()
		devProgressSeed(t, st, s.a)
		sid := s.a.School.ID
		must(t, st.Recognise(ctx, sid, model.SystemActor, &teacherdev.Recognition{TeacherID: s.a.TeacherSubject.ID, Level: "中级", RecognisedOn: storage.Today()}))
		// A teacher of no department, whose certificate expired last week.
		loose := model.Teacher{StaffNo: "X001", Name: "无部门教师", Gender: model.Male}
		must(t, st.CreateTeacher(ctx, sid, model.SystemActor, &loose))
		testfix.ProgressRecord(t, st, sid, loose.ID, teacherdev.Fact{Kind: teacherdev.KindCertificate, StartsOn: "2020-01-01", EndsOn: "2020-01-01", ExpiresOn: daysFromToday(-7)}, "育婴员")

		renshi := s.login(t, "renshi@a1")
		rows := progressSheet(t, renshi, "/development/progress/export.xlsx")
		subj := rows[s.a.TeacherSubject.StaffNo]
		want := map[int]string{1: s.a.TeacherSubject.Name, 3: "是", 5: "40", 6: "360", 7: "6", 8: "进度正常", 11: "180", 12: "已落后", 15: "中级"}
		for col, w := range want {
			if subj[col] != w {
				t.Errorf("subject teacher column %d = %q, want %q (row %q)", col+1, subj[col], w, subj)
			}
		}
		if !strings.Contains(subj[16], "数控车工 四级（"+daysFromToday(30)+" 到期，还有 30 天）") {
			t.Errorf("certificates cell %q", subj[16])
		}
		if l := rows["X001"]; l == nil || !strings.Contains(l[16], "育婴员（"+daysFromToday(-7)+" 已过期）") || l[15] != "" {
			t.Errorf("the teacher of no department: %q", l)
		}
		if len(rows) != 4 {
			t.Errorf("the 人事处 exports %d teachers, want the school's 4", len(rows))
		}
		// The filter narrows the file as it narrows the page.
		if certs := progressSheet(t, renshi, "/development/progress/export.xlsx?status=certs"); len(certs) != 2 || certs["X001"] == nil {
			t.Errorf("status=certs exports %d teachers", len(certs))
		}
		// A department head: their department only.
		zhuren := progressSheet(t, s.login(t, "zhuren@a1"), "/development/progress/export.xlsx")
		if zhuren[s.a.TeacherSubject.StaffNo] == nil || zhuren["X001"] != nil {
			t.Errorf("the department head exports %d teachers: %v", len(zhuren), zhuren)
		}
		// The records export is narrowed the same way for a department head.
		code, body := s.login(t, "zhuren@a1").get("/development/records/export")
		x, err := excelize.OpenReader(strings.NewReader(body))
		if code != 200 || err != nil {
			t.Fatalf("department head's records export: %d %v", code, err)
		}
		recs, _ := x.GetRows("培训与实践记录")
		x.Close()
		var titles []string
		for _, r := range recs[1:] {
			titles = append(titles, r[4])
		}
		if !slices.Contains(titles, "数控车工") || slices.Contains(titles, "育婴员") {
			t.Errorf("department head's records export holds %q", titles)
		}
		// Another school's 人事处 sees none of school a's numbers.
		if b := progressSheet(t, s.login(t, "renshi@b1"), "/development/progress/export.xlsx"); b["X001"] != nil || b[s.b.TeacherSubject.StaffNo][5] != "0" {
			t.Errorf("school b's export: %v", b)
		}
		if code, _ := s.login(t, "renke@a1").get("/development/progress/export.xlsx"); code != 403 {
			t.Errorf("a teacher exports progress: %d", code)
		}

		// The page lists the certificates and links the export with its filter.
		code, body = renshi.get("/development/progress?status=certs")
		expect(t, "progress page", code, 200, body, "数控车工", "还有 30 天", "育婴员", "已过期", `href="/development/progress/export.xlsx?status=certs"`, "证书待换证")
		code, body = s.login(t, "renke@a1").get("/development/records/mine")
		expect(t, "own records", code, 200, body, "证书到期提醒", "数控车工", "还有 30 天")
		lacks(t, "own records", body, "育婴员")
	})
}
