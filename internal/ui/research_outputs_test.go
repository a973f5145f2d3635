package ui_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/importer"
	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

func paperForm(title, doi string, who ...string) url.Values {
	v := url.Values{"kind": {"paper"}, "title": {title}, "grade": {"省级期刊"}, "dated_on": {"2026-05-10"},
		"f_journal": {"职业教育研究"}, "f_issn": {"1671-0568"}, "f_year": {"2026"}, "f_issue": {"5"}, "f_doi": {doi}}
	for _, w := range who {
		v.Add("c_who", w)
		v.Add("c_role", "")
		v.Add("c_share", "")
	}
	return v
}

// A teacher enters a paper with a co-author; the co-author's second copy
// is caught; both see it under 我的科研成果, a teacher outside it and the
// other school do not; the 科研处 verifies it and then only they edit it.
func TestResearchOutputPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		ctx := context.Background()
		head := s.login(t, "banzhuren@a1")
		code, body, loc := head.postForm("/research/outputs", paperForm("基于岗课赛证融通的数控专业教学改革", "10.3969/j.issn.1671-0568.2026.05.003", "王老师 T001", "李老师", "外单位:"))
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "不是本校教师") {
			t.Fatalf("an unknown name not ticked as external: %d %s", code, loc)
		}
		form := paperForm("基于岗课赛证融通的数控专业教学改革", "10.3969/j.issn.1671-0568.2026.05.003", "王老师 T001", "T002", "王五")
		form.Set("c_ext_2", "1")
		code, _, loc = head.postForm("/research/outputs", form)
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/research/outputs/") {
			t.Fatalf("create: %d %s", code, loc)
		}
		rows, _, err := st.ListResearchOutputs(ctx, s.a.School.ID, storage.ResearchFilter{ListQuery: model.ListQuery{Page: 1, PerPage: 10}})
		if err != nil || len(rows) != 1 || len(rows[0].Contributors) != 3 || rows[0].Contributors[2].TeacherID != 0 {
			t.Fatalf("stored: %+v %v", rows, err)
		}
		out := loc
		co := s.login(t, "renke@a1")
		code, body, _ = co.postForm("/research/outputs", paperForm("岗课赛证融通的教学改革", "https://doi.org/10.3969/J.ISSN.1671-0568.2026.05.003", "李老师"))
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "这项成果已经录入过") || !strings.Contains(body, `href="`+out+`"`) {
			t.Fatalf("the co-author's copy: %d", code)
		}
		if _, body := co.get("/research/outputs/mine"); !strings.Contains(body, "基于岗课赛证融通的数控专业教学改革") {
			t.Error("the co-author does not see the paper under 我的科研成果")
		}
		other := s.login(t, "zhizhou@a1") // the subject teacher's duty account: same teacher record
		if code, _ := other.get(out); code != http.StatusOK {
			t.Errorf("the co-author's other account: %d", code)
		}
		if code, _ := s.login(t, "admin@b1").get(out); code != http.StatusNotFound {
			t.Errorf("the other school's admin: %d, want 404", code)
		}
		office := s.login(t, "keyan@a1")
		if _, body := office.get("/research/review"); !strings.Contains(body, "基于岗课赛证融通的数控专业教学改革") {
			t.Error("the review queue lacks the paper")
		}
		id := strings.TrimPrefix(out, "/research/outputs/")
		if code, _, _ := office.postForm("/research/review", url.Values{"id": {id}, "decision": {"verify"}}); code != http.StatusSeeOther {
			t.Fatalf("verify: %d", code)
		}
		if _, body := head.get(out); !strings.Contains(body, "已认定") || strings.Contains(body, "/edit") {
			t.Error("after verifying, the teacher still has an edit link or no 已认定")
		}
		if code, _, _ := head.postForm(out+"/delete", url.Values{"reason": {"x"}}); code != http.StatusForbidden {
			t.Errorf("teacher deletes a verified output: %d, want 403", code)
		}
		if code, body, _ := office.postForm(out+"/delete", url.Values{"reason": {""}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "删除成果需要填写理由") {
			t.Errorf("delete without a reason: %d", code)
		}
	})
}

// The 科研处 imports a ledger all or nothing, each problem with its row,
// column and value, and the export imports again.
func TestResearchImportExport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		ctx := context.Background()
		office := s.login(t, "keyan@a1")
		ledger := func(rows ...[]string) []byte {
			f := excelize.NewFile()
			defer f.Close()
			cols := importer.ResearchColumns()
			f.SetSheetRow("Sheet1", "A1", &cols)
			for i, r := range rows {
				cells := make([]string, len(cols))
				for j := 0; j+1 < len(r); j += 2 {
					for k, c := range cols {
						if c == r[j] {
							cells[k] = r[j+1]
						}
					}
				}
				cell, _ := excelize.CoordinatesToCellName(1, i+2)
				f.SetSheetRow("Sheet1", cell, &cells)
			}
			var b bytes.Buffer
			f.Write(&b)
			return b.Bytes()
		}
		// The template's example row is read as a ledger row: only its
		// contributor, a name this school lacks, is refused.
		code, tmpl := office.get("/research/import/template")
		if code != http.StatusOK {
			t.Fatalf("template: %d", code)
		}
		if code, body := office.postFile("/research/import", "模板.xlsx", []byte(tmpl)); code != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "第 2 行：「成员」“张三 T001”不是本校教师") || strings.Count(body, "<li>") != 1 {
			t.Fatalf("the template imported: %d", code)
		}
		project := []string{"类别", "课题", "成果名称", "中职课堂革命的实践研究", "级别", "市级", "立项日期", "2025-03-01", "结题日期", "", "立项号", "2025-JY-001", "成员", "王老师(主持,60%);李老师(参与,40%)"}
		book := []string{"类别", "教材", "成果名称", "数控车床编程", "等级", "省级", "日期", "2025-08-01", "出版社", "高等教育出版社", "ISBN", "978-7-04-050713-4", "教材形态", "活页式", "成员", "赵老师"}
		code, body := office.postFile("/research/import", "台账.xlsx", ledger(project, book))
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "第 3 行：「ISBN」校验位不对") {
			t.Fatalf("bad ISBN: %d", code)
		}
		if _, n, _ := st.ListResearchOutputs(ctx, s.a.School.ID, storage.ResearchFilter{ListQuery: model.ListQuery{Page: 1, PerPage: 10}}); n != 0 {
			t.Fatalf("a refused import wrote %d outputs", n)
		}
		book[11] = "978-7-04-050713-3"
		if code, _ := office.postFile("/research/import", "台账.xlsx", ledger(project, book)); code != http.StatusSeeOther {
			t.Fatalf("good import: %d", code)
		}
		rows, _, _ := st.ListResearchOutputs(ctx, s.a.School.ID, storage.ResearchFilter{ListQuery: model.ListQuery{}.All()})
		if len(rows) != 2 || rows[0].Status != research.StatusVerified {
			t.Fatalf("imported: %+v", rows)
		}
		code, xlsx := office.get("/research/export")
		if code != http.StatusOK {
			t.Fatalf("export: %d", code)
		}
		// The export imports again: the same identifiers are refused, naming the row.
		if code, body := office.postFile("/research/import", "导出.xlsx", []byte(xlsx)); code != http.StatusUnprocessableEntity || !strings.Contains(body, "第 2 行：已有") {
			t.Fatalf("re-import of the export: %d", code)
		}
		// School b has teachers of the same names and 工号: the ledger
		// credits b's own teachers there.
		if code, _ := s.login(t, "keyan@b1").postFile("/research/import", "导出.xlsx", []byte(xlsx)); code != http.StatusSeeOther {
			t.Fatalf("school b imports the ledger: %d", code)
		}
		rowsB, _, _ := st.ListResearchOutputs(ctx, s.b.School.ID, storage.ResearchFilter{ListQuery: model.ListQuery{}.All()})
		if len(rowsB) != 2 || rowsB[1].Contributors[0].TeacherID != s.b.TeacherHead.ID || *rowsB[1].Contributors[0].Share != 60 {
			t.Fatalf("school b's import: %+v", rowsB)
		}
	})
}

// growResearch adds n papers by the head teacher with the subject teacher
// and an external co-author, for the query-count test.
func growResearch(t *testing.T, g *grower, n int) string {
	ctx, st, f := context.Background(), g.s.st, g.s.a
	var title string
	for range n {
		g.made++
		title = fmt.Sprintf("计数论文%02d：中职专业课的第%d种教法", g.made, g.made)
		o := model.ResearchOutput{Kind: "paper", Title: title, Grade: "一般期刊", DatedOn: "2026-05-10",
			Fields:       map[string]string{"journal": "职业教育", "issn": "1671-0568", "year": "2026", "issue": fmt.Sprint(g.made), "doi": fmt.Sprintf("10.1000/count.%d", g.made)},
			Contributors: []model.ResearchContributor{{TeacherID: f.TeacherHead.ID}, {TeacherID: f.TeacherSubject.ID}, {Name: "外校作者"}}}
		if err := st.CreateResearchOutput(ctx, f.School.ID, model.SystemActor, &o, storage.ResearchWrite{NotDuplicate: true}); err != nil {
			t.Fatal(err)
		}
	}
	return title
}

// postProof uploads a proof file for stage ("" for the whole output).
func postProof(c *client, path, stage string, data []byte) (int, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("stage", stage)
	fw, _ := mw.CreateFormFile("proof", "立项书.pdf")
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	code, body, _ := c.do(req)
	return code, body
}

// A project's proof names the stage it proves; a stage the project has
// not reached, a file that is no PDF or image, and a teacher outside the
// project are refused; the file is served only within scope.
func TestResearchProofByStage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		ctx := context.Background()
		o := model.ResearchOutput{Kind: "project", Title: "中职课堂革命的实践研究", Level: "市级", Fields: map[string]string{"project_no": "2026-JY-9"},
			Stages: []model.ResearchStage{{Stage: "立项", DatedOn: "2026-03-01"}}, Contributors: []model.ResearchContributor{{TeacherID: s.a.TeacherHead.ID}}}
		if err := st.CreateResearchOutput(ctx, s.a.School.ID, model.SystemActor, &o, storage.ResearchWrite{}); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/research/outputs/%d", o.ID)
		head := s.login(t, "banzhuren@a1")
		pdf := []byte("%PDF-1.4 立项书")
		if code, body := postProof(head, path+"/files", "结题", pdf); code != http.StatusUnprocessableEntity || !strings.Contains(body, "请选择课题已有的阶段") {
			t.Errorf("a stage not reached: %d", code)
		}
		if code, _ := postProof(head, path+"/files", "", []byte("plain text")); code != http.StatusUnprocessableEntity {
			t.Errorf("a text file: %d", code)
		}
		if code, _ := postProof(s.login(t, "renke@a1"), path+"/files", "", pdf); code != http.StatusNotFound {
			t.Errorf("a teacher outside the project: %d, want 404", code)
		}
		if code, _ := postProof(head, path+"/files", "立项", pdf); code != http.StatusSeeOther {
			t.Fatalf("upload: %d", code)
		}
		fs, err := st.ResearchFiles(ctx, s.a.School.ID, o.ID)
		if err != nil || len(fs) != 1 || fs[0].Stage != "立项" {
			t.Fatalf("files: %+v %v", fs, err)
		}
		file := fmt.Sprintf("%s/files/%d", path, fs[0].ID)
		if code, body := head.get(file); code != http.StatusOK || body != string(pdf) {
			t.Errorf("the teacher reads the file: %d", code)
		}
		if code, _ := s.login(t, "keyan@b1").get(fmt.Sprintf("/research/outputs/%d/files/%d", o.ID, fs[0].ID)); code != http.StatusNotFound {
			t.Errorf("the other school reads the file: %d", code)
		}
	})
}

// The 科研处 follows a contributor's name to the outputs credited to them.
func TestResearchListByTeacher(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		ctx := context.Background()
		var last int64
		for i, tid := range []int64{s.a.TeacherHead.ID, s.a.TeacherOther.ID} {
			o := model.ResearchOutput{Kind: "case", Title: fmt.Sprintf("典型案例%d号", i+1), Level: "市级", DatedOn: "2026-05-10",
				Contributors: []model.ResearchContributor{{TeacherID: tid}}}
			if err := st.CreateResearchOutput(ctx, s.a.School.ID, model.SystemActor, &o, storage.ResearchWrite{}); err != nil {
				t.Fatal(err)
			}
			last = o.ID
		}
		office := s.login(t, "keyan@a1")
		_, body := office.get("/research/outputs")
		link := fmt.Sprintf("/research/outputs?teacher=%d", s.a.TeacherOther.ID)
		if !strings.Contains(body, "典型案例1号") || !strings.Contains(body, "典型案例2号") {
			t.Fatal("the office's list lacks an output")
		}
		_, show := office.get(fmt.Sprintf("/research/outputs/%d", last))
		if !strings.Contains(show, `href="`+link+`"`) {
			t.Error("the contributor's name does not link to their outputs")
		}
		if _, body := office.get(link); strings.Contains(body, "典型案例1号") || !strings.Contains(body, "典型案例2号") {
			t.Error("the teacher filter does not narrow the list")
		}
	})
}
