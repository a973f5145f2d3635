package ui_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// postMultipart sends a same-origin multipart form with one optional file.
func (c *client) evPost(path string, fields url.Values, fileField, name string, data []byte) (int, string, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if fileField != "" {
		fw, _ := mw.CreateFormFile(fileField, name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func evTinyPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{200, 30, 30, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func evRows(t *testing.T, st *storage.Storage, school int64, f storage.EvidenceFilter) []storage.EvidenceRow {
	t.Helper()
	f.PerPage = 500
	rows, _, err := st.ListEvidence(context.Background(), school, f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func evResultsXLSX(t *testing.T, rows [][]string) []byte {
	f := excelize.NewFile()
	defer f.Close()
	all := append([][]string{{"学号", "姓名", "比赛名称", "级别", "奖项", "是否团体", "获奖日期", "备注"}}, rows...)
	for i, row := range all {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestEvidencePages walks a record from a student's submission with a
// proof through review, with the scope refusals on the way, and a bulk
// import that is all or nothing.
func TestEvidencePages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		a1, a2, b1 := s.a.StudentA1, s.a.StudentA2, s.a.StudentB1

		// A student submits a competition record with a PNG proof; the
		// student_no field naming a classmate is ignored.
		stu := s.login(t, "xs1@a1")
		if code, body := stu.get("/evidence/new?kind=competition"); code != http.StatusOK || !strings.Contains(body, "比赛名称") || !strings.Contains(body, a1.Name) {
			t.Fatalf("form: %d", code)
		}
		form := url.Values{"kind": {"competition"}, "student_no": {a2.StudentNo}, "term_id": {itoa(s.a.Term.ID)}, "title": {"市中职技能大赛数控车"},
			"level": {model.AwardCity}, "prize": {model.PrizeFirst}, "date": {"2026-05-20"}}
		code, body, loc := stu.evPost("/evidence", form, "proof", "奖状.png", evTinyPNG(t))
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/evidence/") {
			t.Fatalf("submit: %d %s", code, snippet(body))
		}
		id := strings.TrimPrefix(loc, "/evidence/")
		rows := evRows(t, st, sid, storage.EvidenceFilter{})
		if len(rows) != 1 || rows[0].StudentID != a1.ID || rows[0].Status != model.EvidencePending || itoa(rows[0].ID) != id {
			t.Fatalf("stored: %+v", rows)
		}
		files, err := st.EvidenceFiles(ctx, sid, rows[0].ID)
		if err != nil || len(files) != 1 || files[0].ContentType != "image/png" {
			t.Fatalf("files: %v %+v", err, files)
		}
		fileURL := "/evidence/" + id + "/files/" + itoa(files[0].ID)
		code, body = stu.get("/evidence")
		expect(t, "student list", code, 200, body, "市中职技能大赛数控车", "待审核", "地市级 一等奖")
		code, body = stu.get("/evidence/" + id)
		expect(t, "student record", code, 200, body, "待审核", fileURL, "只有已审核的写实记录计入")
		lacks(t, "student record", body, "/review")

		// The proof is served inline with its type to those who may see it.
		req, _ := http.NewRequest(http.MethodGet, stu.base+fileURL, nil)
		resp, err := stu.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || resp.Header.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "inline") {
			t.Fatalf("file: %d %v", resp.StatusCode, resp.Header)
		}

		// A file that is no image or PDF is refused, and nothing is written.
		code, body, _ = stu.evPost("/evidence", form, "proof", "a.png", []byte("just some text, not an image"))
		expect(t, "text proof", code, http.StatusUnprocessableEntity, body, "只接受 JPEG、PNG、WebP 图片或 PDF 文件")
		if n := len(evRows(t, st, sid, storage.EvidenceFilter{})); n != 1 {
			t.Fatalf("refused proof wrote a record: %d", n)
		}
		// Bad level: a Chinese error, 422.
		bad := url.Values{"kind": {"competition"}, "term_id": {itoa(s.a.Term.ID)}, "title": {"x"}, "level": {"世界级"}, "prize": {model.PrizeFirst}, "date": {"2026-05-20"}}
		code, body, _ = stu.evPost("/evidence", bad, "", "", nil)
		expect(t, "bad level", code, http.StatusUnprocessableEntity, body, "请选择获奖级别")

		// A classmate (another class) cannot see it, nor its file.
		other := s.login(t, "xs2@a1")
		notFound(t, "other student", other, "/evidence/"+id, fileURL)
		notFound(t, "subject teacher of class B", s.login(t, "renke@a1"), "/evidence/"+id, fileURL)

		// The head teacher of class B (not A) gets 404 and cannot review.
		hash, err := auth.HashPassword(testfix.Password)
		if err != nil {
			t.Fatal(err)
		}
		htB := model.User{Username: "banzhurenb@a1", DisplayName: "二班班主任", PasswordHash: hash, Roles: []string{model.RoleHeadTeacher}, TeacherID: s.a.TeacherOther.ID}
		if err := st.CreateUser(ctx, sid, model.SystemActor, &htB); err != nil {
			t.Fatal(err)
		}
		otherHT := s.login(t, "banzhurenb@a1")
		notFound(t, "class B head teacher", otherHT, "/evidence/"+id, fileURL)
		if code, _, _ := otherHT.postForm("/evidence/"+id+"/review", url.Values{"decision": {"verify"}}); code != http.StatusNotFound {
			t.Fatalf("class B head teacher reviewed: %d", code)
		}
		// …and may not submit for class A.
		htForm := url.Values{"kind": {"behaviour"}, "student_no": {a2.StudentNo}, "term_id": {itoa(s.a.Term.ID)}, "category": {"文明礼仪"},
			"direction": {"+"}, "points": {"2"}, "title": {"拾金不昧"}, "date": {"2026-05-21"}}
		code, body, _ = otherHT.evPost("/evidence", htForm, "", "", nil)
		expect(t, "class B head teacher submits for A2", code, http.StatusUnprocessableEntity, body, "不是您可以提交写实记录的学生")

		// The head teacher of class A: a rejection without a reason is
		// refused; then they verify.
		ht := s.login(t, "banzhuren@a1")
		code, body = ht.get("/evidence/" + id)
		expect(t, "head teacher record", code, 200, body, "/evidence/"+id+"/review", "驳回（须填写理由）")
		code, body, _ = ht.postForm("/evidence/"+id+"/review", url.Values{"decision": {"reject"}, "reason": {"  "}})
		expect(t, "reject without reason", code, http.StatusUnprocessableEntity, body, "驳回须填写理由")
		if r, _ := st.EvidenceByID(ctx, sid, rows[0].ID); r.Status != model.EvidencePending {
			t.Fatalf("status after refused rejection: %s", r.Status)
		}
		if code, _, _ := ht.postForm("/evidence/"+id+"/review", url.Values{"decision": {"verify"}}); code != http.StatusSeeOther {
			t.Fatalf("verify: %d", code)
		}
		if r, _ := st.EvidenceByID(ctx, sid, rows[0].ID); r.Status != model.EvidenceVerified {
			t.Fatalf("status after verify: %s", r.Status)
		}
		// Students may not review.
		if code, _, _ := stu.postForm("/evidence/"+id+"/review", url.Values{"decision": {"verify"}}); code != http.StatusForbidden {
			t.Fatalf("student reviewed: %d", code)
		}

		// The head teacher records a classmate's behaviour; not for class B.
		code, _, loc = ht.evPost("/evidence", htForm, "", "", nil)
		if code != http.StatusSeeOther {
			t.Fatalf("head teacher submit: %d", code)
		}
		a2ID := strings.TrimPrefix(loc, "/evidence/")
		htForm.Set("student_no", b1.StudentNo)
		code, body, _ = ht.evPost("/evidence", htForm, "", "", nil)
		expect(t, "head teacher submits for class B", code, http.StatusUnprocessableEntity, body, "不是您可以提交写实记录的学生")

		// The parent sees the child's record, not the classmate's.
		parent := s.login(t, "jiazhang@a1")
		code, body = parent.get("/evidence/" + id)
		expect(t, "parent child record", code, 200, body, "市中职技能大赛数控车", "已审核")
		code, body = parent.get("/evidence")
		expect(t, "parent list", code, 200, body, "市中职技能大赛数控车")
		lacks(t, "parent list", body, "拾金不昧")
		notFound(t, "parent", parent, "/evidence/"+a2ID)
		if code, _ := parent.get("/evidence/new"); code != http.StatusForbidden {
			t.Fatalf("parent form: %d", code)
		}

		// Filters: kind and status.
		admin := s.login(t, "jiaowu@a1")
		_, body = admin.get("/evidence?kind=behaviour")
		if !strings.Contains(body, "拾金不昧") || strings.Contains(body, "市中职技能大赛数控车") {
			t.Fatal("kind filter")
		}
		_, body = admin.get("/evidence?status=verified&q=" + url.QueryEscape(a1.Name))
		if strings.Contains(body, "拾金不昧") || !strings.Contains(body, "市中职技能大赛数控车") {
			t.Fatal("status/search filter")
		}

		// Bulk import: one bad row writes nothing and is named.
		if code, body := admin.get("/evidence/import"); code != 200 || !strings.Contains(body, "/evidence/import/template") {
			t.Fatalf("import page: %d", code)
		}
		req, _ = http.NewRequest(http.MethodGet, admin.base+"/evidence/import/template", nil)
		resp, err = admin.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		tpl := new(bytes.Buffer)
		tpl.ReadFrom(resp.Body)
		resp.Body.Close()
		if tf, err := excelize.OpenReader(tpl); err != nil {
			t.Fatalf("template: %v", err)
		} else {
			hdr, _ := tf.GetRows(tf.GetSheetList()[0])
			if len(hdr) == 0 || hdr[0][0] != "学号" {
				t.Fatalf("template header: %v", hdr)
			}
			tf.Close()
		}
		before := len(evRows(t, st, sid, storage.EvidenceFilter{}))
		good := []string{a1.StudentNo, a1.Name, "全国职业院校技能大赛", model.AwardNational, model.PrizeSecond, "是", "2026-06-01", ""}
		file := evResultsXLSX(t, [][]string{good, {"NO-SUCH", "某某", "全国职业院校技能大赛", model.AwardNational, model.PrizeThird, "否", "2026/6/1", ""},
			{a2.StudentNo, "李四", "全国职业院校技能大赛", "世界级", model.PrizeThird, "否", "2026-13-01", ""}})
		fields := url.Values{"term_id": {itoa(s.a.Term.ID)}}
		code, body, _ = admin.evPost("/evidence/import", fields, "file", "results.xlsx", file)
		expect(t, "bad import", code, http.StatusUnprocessableEntity, body, "第 3 行", "学号 NO-SUCH 不是本校学生", "第 4 行", "不一致", "级别“世界级”", "获奖日期")
		lacks(t, "bad import", body, "第 2 行")
		if n := len(evRows(t, st, sid, storage.EvidenceFilter{})); n != before {
			t.Fatalf("bad import wrote %d records", n-before)
		}
		// A student of the other school is unknown here.
		file = evResultsXLSX(t, [][]string{{s.b.StudentA1.StudentNo, s.b.StudentA1.Name, "x", model.AwardSchool, model.PrizeFirst, "", "2026-06-01", ""}})
		code, body, _ = admin.evPost("/evidence/import", fields, "file", "results.xlsx", file)
		expect(t, "other school's student", code, http.StatusUnprocessableEntity, body, "不是本校学生")
		// A good file creates verified records.
		file = evResultsXLSX(t, [][]string{good, {a2.StudentNo, a2.Name, "全国职业院校技能大赛", model.AwardNational, model.PrizeSecond, "是", "2026-06-01", "团体赛"}})
		code, body, _ = admin.evPost("/evidence/import", fields, "file", "results.xlsx", file)
		if code != http.StatusSeeOther {
			t.Fatalf("good import: %d %s", code, snippet(body))
		}
		imported := evRows(t, st, sid, storage.EvidenceFilter{Kind: model.EvidenceCompetition, Status: model.EvidenceVerified})
		n := 0
		for _, r := range imported {
			if r.Title == "全国职业院校技能大赛" {
				n++
				if !r.Team || r.Level != model.AwardNational || r.Date != "2026-06-01" || r.TermID != s.a.Term.ID {
					t.Fatalf("imported: %+v", r)
				}
			}
		}
		if n != 2 {
			t.Fatalf("imported %d verified records, want 2", n)
		}
		// Students cannot import.
		if code, _, _ := stu.evPost("/evidence/import", fields, "file", "results.xlsx", file); code != http.StatusForbidden {
			t.Fatalf("student import: %d", code)
		}
	})
}
