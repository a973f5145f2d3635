package ui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// openGridCycle opens a cycle of the default framework in school a and
// returns its id and framework.
func openGridCycle(t *testing.T, s *site) (int64, model.Framework) {
	t.Helper()
	ctx := context.Background()
	f := eval.DefaultFramework()
	if err := s.st.SaveFrameworkVersion(ctx, s.a.School.ID, model.SystemActor, &f); err != nil {
		t.Fatal(err)
	}
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: s.a.Term.ID, Name: "表格评分测试", FrameworkID: f.ID, PeerCount: 1, Seed: 3}}
	if err := s.st.CreateCycle(ctx, s.a.School.ID, model.SystemActor, &c); err != nil {
		t.Fatal(err)
	}
	if _, err := evalrun.Open(ctx, s.st, s.a.School.ID, model.SystemActor, c.ID); err != nil {
		t.Fatal(err)
	}
	return c.ID, f
}

// sampleValue is a valid value for an indicator: 75, 4 or the second level.
func sampleValue(ind model.Indicator) string {
	switch ind.Scale.Kind {
	case model.ScaleLevels:
		return ind.Scale.Levels[1].Name
	case model.ScaleRating5:
		return "4"
	}
	return "75"
}

func ratingCount(t *testing.T, s *site, cycle int64) int {
	t.Helper()
	n, err := s.st.RatingCount(context.Background(), s.a.School.ID, cycle)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

type gridAnswer struct {
	OK      bool   `json:"ok"`
	Written int    `json:"written"`
	Error   string `json:"error"`
}

func saveRow(t *testing.T, c *client, path string, form url.Values) (int, gridAnswer) {
	t.Helper()
	code, body, _ := c.postForm(path, form)
	var a gridAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatalf("%s: %d %q is not JSON", path, code, body)
	}
	return code, a
}

func TestRatingGrid(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		cid, f := openGridCycle(t, s)
		ht := s.login(t, "banzhuren@a1")
		inds := map[string]model.Indicator{}
		for _, ind := range eval.Indicators(f) {
			inds[ind.Code] = ind
		}
		codes := eval.IndicatorsFor(f, model.RaterHeadTeacher)
		gridURL := "/rate/" + itoa(cid) + "/grid/head_teacher/" + itoa(s.a.ClassA.ID)
		saveURL := "/rate/" + itoa(cid) + "/grid/head_teacher"

		code, body := ht.get("/rate")
		if code != http.StatusOK || !strings.Contains(body, gridURL) || !strings.Contains(body, "/rate/"+itoa(cid)+"/offline/head_teacher") {
			t.Fatalf("我的评价 does not link the grid and the workbook: %d", code)
		}
		code, body = ht.get(gridURL)
		if code != http.StatusOK || !strings.Contains(body, "张一") || !strings.Contains(body, "张二") || strings.Contains(body, "陈三") ||
			!strings.Contains(body, "data-fill-all") || !strings.Contains(body, "/static/grid.js") {
			t.Fatalf("grid page: %d", code)
		}
		if n := strings.Count(body, `data-col="`) - len(codes); n != 2*len(codes) { // header + two students
			t.Fatalf("grid cells: %d, want %d", n, 2*len(codes))
		}

		row := url.Values{"student": {itoa(s.a.StudentA1.ID)}}
		for _, c := range codes {
			row.Set("v_"+c, sampleValue(inds[c]))
		}
		code, a := saveRow(t, ht, saveURL, row)
		if code != http.StatusOK || !a.OK || a.Written != len(codes) || ratingCount(t, s, cid) != len(codes) {
			t.Fatalf("row save: %d %+v, %d rows", code, a, ratingCount(t, s, cid))
		}
		// The same row again writes nothing; one changed cell writes one row.
		if code, a = saveRow(t, ht, saveURL, row); code != http.StatusOK || a.Written != 0 || ratingCount(t, s, cid) != len(codes) {
			t.Fatalf("repeated row save: %d %+v", code, a)
		}
		row.Set("v_D01", "90")
		if code, a = saveRow(t, ht, saveURL, row); code != http.StatusOK || a.Written != 1 {
			t.Fatalf("changed cell: %d %+v", code, a)
		}
		before := ratingCount(t, s, cid)

		// Refusals write nothing.
		bad := url.Values{"student": {itoa(s.a.StudentA2.ID)}, "v_D01": {"120"}, "v_D02": {"80"}}
		if code, a = saveRow(t, ht, saveURL, bad); code != http.StatusUnprocessableEntity || !strings.Contains(a.Error, "0 到 100") {
			t.Fatalf("value off the scale: %d %+v", code, a)
		}
		for name, id := range map[string]int64{"another class": s.a.StudentB1.ID, "another school": s.b.StudentA1.ID} {
			if code, a = saveRow(t, ht, saveURL, url.Values{"student": {itoa(id)}, "v_D01": {"80"}}); code != http.StatusNotFound || a.Error == "" {
				t.Fatalf("%s's student: %d %+v", name, code, a)
			}
			if code, _ = saveRow(t, ht, saveURL, url.Values{"student": {itoa(id)}}); code != http.StatusNotFound {
				t.Fatalf("%s's student with an empty row: %d", name, code)
			}
		}
		if code, _ = saveRow(t, ht, "/rate/"+itoa(cid)+"/grid/self", url.Values{"student": {itoa(s.a.StudentA1.ID)}, "v_D01": {"80"}}); code != http.StatusNotFound {
			t.Fatalf("a role the teacher does not hold: %d", code)
		}
		for _, p := range []string{"/rate/" + itoa(cid) + "/grid/head_teacher/" + itoa(s.a.ClassB.ID), "/rate/" + itoa(cid) + "/grid/head_teacher/" + itoa(s.b.ClassA.ID),
			"/rate/" + itoa(cid) + "/grid/self/" + itoa(s.a.ClassA.ID), "/rate/999999/grid/head_teacher/" + itoa(s.a.ClassA.ID)} {
			if code, _ := ht.get(p); code != http.StatusNotFound {
				t.Fatalf("%s: %d, want 404", p, code)
			}
		}
		if got := ratingCount(t, s, cid); got != before {
			t.Fatalf("refusals wrote %d rows", got-before)
		}
		// A student cannot use the teachers' grid.
		stu := s.login(t, "xs1@a1")
		if code, _ = saveRow(t, stu, saveURL, row); code != http.StatusNotFound {
			t.Fatalf("a student posting to the head teacher grid: %d", code)
		}

		// Reloading shows the saved values.
		_, body = ht.get(gridURL)
		if !regexp.MustCompile(`name="v_D01"[^>]*value="90"`).MatchString(body) || !strings.Contains(body, `data-status="saved"`) {
			t.Fatal("the saved row is not shown after reload")
		}

		// A closed cycle refuses, and nothing is written.
		if err := st.MoveCycle(context.Background(), s.a.School.ID, model.SystemActor, cid, model.CycleClosed, false); err != nil {
			t.Fatal(err)
		}
		row.Set("v_D01", "60")
		if code, a = saveRow(t, ht, saveURL, row); code != http.StatusUnprocessableEntity || !strings.Contains(a.Error, "不能提交评分") {
			t.Fatalf("closed cycle: %d %+v", code, a)
		}
		if got := ratingCount(t, s, cid); got != before {
			t.Fatalf("a closed cycle took %d rows", got-before)
		}
		if _, body = ht.get(gridURL); !strings.Contains(body, "表格只能查看") || !strings.Contains(body, " disabled") {
			t.Fatal("the grid of a closed cycle is not read-only")
		}
	})
}

// fillWorkbook fills every indicator of the students' rows (by 学号) in a
// downloaded workbook, applies extra edits and returns the file.
func fillWorkbook(t *testing.T, data []byte, f model.Framework, nos []string, edits map[string]string, key map[string]any) []byte {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows("评分表")
	inds := map[string]model.Indicator{}
	for _, ind := range eval.Indicators(f) {
		inds[ind.Code] = ind
	}
	for r, row := range rows[1:] {
		for _, no := range nos {
			if len(row) > 1 && row[1] == no {
				for c, h := range rows[0][3:] {
					code, _, _ := strings.Cut(h, " ")
					cell, _ := excelize.CoordinatesToCellName(4+c, r+2)
					x.SetCellStr("评分表", cell, sampleValue(inds[code]))
				}
			}
		}
	}
	for cell, v := range edits {
		x.SetCellStr("评分表", cell, v)
	}
	for cell, v := range key {
		x.SetCellValue("_key", cell, v)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestOfflineWorkbook(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		cid, f := openGridCycle(t, s)
		ht := s.login(t, "banzhuren@a1")
		page := "/rate/" + itoa(cid) + "/offline/head_teacher"
		codes := eval.IndicatorsFor(f, model.RaterHeadTeacher)

		if code, body := ht.get(page); code != http.StatusOK || !strings.Contains(body, page+"/workbook") {
			t.Fatalf("workbook page: %d", code)
		}
		code, file := ht.get(page + "/workbook")
		if code != http.StatusOK || !strings.HasPrefix(file, "PK") {
			t.Fatalf("download: %d", code)
		}
		good := fillWorkbook(t, []byte(file), f, []string{s.a.StudentA1.StudentNo, s.a.StudentA2.StudentNo}, nil, nil)

		// Refused files write nothing.
		for name, c := range map[string]struct {
			data []byte
			want string
		}{
			"value off the scale":         {fillWorkbook(t, []byte(file), f, []string{s.a.StudentA1.StudentNo}, map[string]string{"D3": "120"}, nil), "0 到 100"},
			"a student of another class":  {fillWorkbook(t, []byte(file), f, []string{s.a.StudentA1.StudentNo}, map[string]string{"B3": s.a.StudentB1.StudentNo, "C3": s.a.StudentB1.Name, "D3": "70"}, nil), "不在您本周期的评价任务中"},
			"a student of another school": {fillWorkbook(t, []byte(file), f, []string{s.a.StudentA1.StudentNo}, map[string]string{"B3": s.b.StudentA1.StudentNo, "D3": "70"}, nil), "不在您本周期的评价任务中"},
			"another school's key":        {fillWorkbook(t, []byte(file), f, []string{s.a.StudentA1.StudentNo}, nil, map[string]any{"B2": s.b.School.ID}), "另一所学校"},
			"another rater's key":         {fillWorkbook(t, []byte(file), f, []string{s.a.StudentA1.StudentNo}, nil, map[string]any{"B5": s.a.TeacherOther.ID}), "其他评分人"},
			"not a spreadsheet":           {[]byte("学号,姓名\n"), "不是 Excel"},
		} {
			code, body := ht.postFile(page, "评分表.xlsx", c.data)
			if code != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) {
				t.Errorf("%s: %d, body lacks %q", name, code, c.want)
			}
			if n := ratingCount(t, s, cid); n != 0 {
				t.Fatalf("%s wrote %d ratings", name, n)
			}
		}
		// A bad row offers the error report for download.
		_, body := ht.postFile(page, "评分表.xlsx", fillWorkbook(t, []byte(file), f, []string{s.a.StudentA1.StudentNo}, map[string]string{"D2": "abc"}, nil))
		m := regexp.MustCompile(`/import/errors/[0-9a-f]{32}`).FindString(body)
		if m == "" {
			t.Fatal("no error report link")
		}
		if code, rep := ht.get(m); code != http.StatusOK || !strings.HasPrefix(rep, "PK") {
			t.Fatalf("error report: %d", code)
		}
		if code, _ := s.login(t, "renke@a1").get(m); code == http.StatusOK {
			t.Fatal("another user downloaded the error report")
		}

		// The good file writes every rating once; uploading it again writes nothing.
		code, body = ht.postFile(page, "评分表.xlsx", good)
		if code != http.StatusOK || !strings.Contains(body, "上传成功") || ratingCount(t, s, cid) != 2*len(codes) {
			t.Fatalf("upload: %d, %d ratings, want %d", code, ratingCount(t, s, cid), 2*len(codes))
		}
		code, body = ht.postFile(page, "评分表.xlsx", good)
		if code != http.StatusOK || !strings.Contains(body, "新写入 0") || ratingCount(t, s, cid) != 2*len(codes) {
			t.Fatalf("re-upload: %d, %d ratings", code, ratingCount(t, s, cid))
		}
		// The next download carries the saved values.
		_, again := ht.get(page + "/workbook")
		x, err := excelize.OpenReader(strings.NewReader(again))
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := x.GetCellValue("评分表", "D2"); v != "75" {
			t.Fatalf("prefilled D2 = %q", v)
		}
		x.Close()

		// A closed cycle refuses the upload.
		if err := st.MoveCycle(context.Background(), s.a.School.ID, model.SystemActor, cid, model.CycleClosed, false); err != nil {
			t.Fatal(err)
		}
		changed := fillWorkbook(t, []byte(file), f, []string{s.a.StudentA1.StudentNo}, map[string]string{"D2": "99"}, nil)
		if code, body := ht.postFile(page, "评分表.xlsx", changed); code != http.StatusUnprocessableEntity || !strings.Contains(body, "不能提交评分") {
			t.Fatalf("closed cycle: %d", code)
		}
		if n := ratingCount(t, s, cid); n != 2*len(codes) {
			t.Fatalf("closed cycle wrote %d", n-2*len(codes))
		}
	})
}
