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

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// computedCycle walks a cycle to computed as cycle_test.go does: the
// default framework, a cycle, the self ratings of 张一 and the head
// teacher's ratings of class A, closed and computed. It returns the cycle
// id, the framework and a function that moves the cycle as the admin.
func computedCycle(t *testing.T, s *site) (string, model.Framework, func(to string)) {
	t.Helper()
	ctx := context.Background()
	f := eval.DefaultFramework()
	if err := s.st.SaveFrameworkVersion(ctx, s.a.School.ID, model.SystemActor, &f); err != nil {
		t.Fatal(err)
	}
	admin := s.login(t, "admin@a1")
	form := url.Values{"name": {"2026-2027学年第一学期综合素质评价"}, "term_id": {itoa(s.a.Term.ID)}, "peer_count": {"3"}, "publicity_days": {"5"}, "framework_id": {itoa(f.ID)}}
	code, _, loc := admin.postForm("/cycles", form)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/cycles/") {
		t.Fatalf("create: %d %s", code, loc)
	}
	cycleID := strings.TrimPrefix(loc, "/cycles/")
	move := func(to string) {
		t.Helper()
		if code, _, _ := admin.postForm("/cycles/"+cycleID+"/state", url.Values{"to": {to}}); code != http.StatusSeeOther {
			t.Fatalf("move to %s: %d", to, code)
		}
		c, _ := s.st.Cycle(ctx, s.a.School.ID, mustInt(cycleID))
		if string(c.State) != to {
			t.Fatalf("cycle is %s, want %s", c.State, to)
		}
	}
	move("open")
	self := url.Values{}
	for _, c := range eval.IndicatorsFor(f, model.RaterSelf) {
		self.Set("v_"+c, value(f, c))
	}
	if code, _, _ := s.login(t, "xs1@a1").postForm("/rate/"+cycleID+"/self/"+itoa(s.a.StudentA1.ID), self); code != http.StatusSeeOther {
		t.Fatalf("self rating: %d", code)
	}
	ht := s.login(t, "banzhuren@a1")
	htForm := url.Values{}
	for _, c := range eval.IndicatorsFor(f, model.RaterHeadTeacher) {
		htForm.Set("v_"+c, value(f, c))
	}
	for _, id := range []int64{s.a.StudentA1.ID, s.a.StudentA2.ID} {
		if code, _, _ := ht.postForm("/rate/"+cycleID+"/head_teacher/"+itoa(id), htForm); code != http.StatusSeeOther {
			t.Fatalf("head teacher rating: %d", code)
		}
	}
	// One classmate rates 张一: too few peers to count, so the result must
	// not show that classmate's score.
	var peer []model.Rating
	for _, c := range eval.IndicatorsFor(f, model.RaterPeer) {
		v, lv := 50.0, "" // classmates choose: 待合格
		for _, ind := range eval.Indicators(f) {
			switch {
			case ind.Code != c:
			case ind.Scale.Kind == model.ScaleRating5:
				v = 2
			case ind.Scale.Kind == model.ScaleLevels:
				v, lv = 0, ind.Scale.Levels[3].Name
			}
		}
		peer = append(peer, model.Rating{StudentID: s.a.StudentA1.ID, IndicatorCode: c, Value: v, Level: lv})
	}
	if _, err := s.st.SubmitRatings(ctx, s.a.School.ID, model.SystemActor, mustInt(cycleID), model.RaterPeer, s.a.StudentA2.ID, 0, peer); err != nil {
		t.Fatalf("peer rating: %v", err)
	}
	move("closed")
	move("computed")
	return cycleID, f, move
}

// postMultipart sends a same-origin multipart form with an optional file.
func (c *client) postMultipart(path string, fields url.Values, fileName string, data []byte) (int, string, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if fileName != "" {
		fw, _ := mw.CreateFormFile("file", fileName)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// TestResultPages: who sees which result when, and the 公示 list.
func TestResultPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		cycleID, _, move := computedCycle(t, s)
		a1 := "/results/" + cycleID + "/students/" + itoa(s.a.StudentA1.ID)
		a2 := "/results/" + cycleID + "/students/" + itoa(s.a.StudentA2.ID)
		b1 := "/results/" + cycleID + "/students/" + itoa(s.a.StudentB1.ID)
		pubA := "/results/" + cycleID + "/classes/" + itoa(s.a.ClassA.ID) + "/publicity"
		pubB := "/results/" + cycleID + "/classes/" + itoa(s.a.ClassB.ID) + "/publicity"
		res, err := st.StudentResult(ctx, sid, mustInt(cycleID), s.a.StudentA1.ID)
		if err != nil {
			t.Fatal(err)
		}
		total := eval.Num(res.Total)

		// Computed: staff see results, the student is told "not yet".
		stu := s.login(t, "xs1@a1")
		code, body := stu.get(a1)
		if code != 200 || !strings.Contains(body, "结果尚未公示") || strings.Contains(body, "为什么是这个分数") || strings.Contains(body, "公示开始后才能看到") == false {
			t.Fatalf("student during computed: %d\n%s", code, body)
		}
		if _, body := stu.get("/results"); !strings.Contains(body, "结果尚未公示") {
			t.Fatal("results list does not tell the student to wait")
		}
		ht := s.login(t, "banzhuren@a1")
		if code, body := ht.get(a1); code != 200 || !strings.Contains(body, "为什么是这个分数") || !strings.Contains(body, total) {
			t.Fatalf("head teacher during computed: %d", code)
		}
		if code, _ := ht.get(b1); code != http.StatusNotFound {
			t.Fatalf("head teacher reached class B: %d", code)
		}
		renke := s.login(t, "renke@a1") // teaches class B only
		if code, _ := renke.get(b1); code != 200 {
			t.Fatalf("subject teacher, own class: %d", code)
		}
		if code, _ := renke.get(a1); code != http.StatusNotFound {
			t.Fatalf("subject teacher, other class: %d", code)
		}
		admin := s.login(t, "admin@a1")
		_, list := admin.get("/results?cycle=" + cycleID + "&class=" + itoa(s.a.ClassA.ID))
		if !strings.Contains(list, s.a.StudentA1.Name) || !strings.Contains(list, total) || !strings.Contains(list, res.Dimensions[0].Name) {
			t.Fatal("class table lacks the student, total or dimensions")
		}
		if code, _ := stu.get(pubA); code != http.StatusNotFound {
			t.Fatalf("publicity before publicity: %d", code)
		}
		// Another school's cycle is not found.
		if code, _ := s.login(t, "admin@b1").get(a1); code != http.StatusNotFound {
			t.Fatalf("school b reached school a's result: %d", code)
		}

		move("publicised")
		code, body = stu.get(a1)
		if code != 200 || !strings.Contains(body, "为什么是这个分数") || !strings.Contains(body, total) || !strings.Contains(body, "提出申诉") {
			t.Fatalf("student after publicity: %d", code)
		}
		if strings.Contains(body, "王老师") || strings.Contains(body, "banzhuren") {
			t.Fatal("a rater is named on the result page")
		}
		if !strings.Contains(body, "互评不足 3 人，不计入，权重按比例分配给其他评价者") || !strings.Contains(body, "不计入</td>") || strings.Contains(body, "互评：") {
			t.Fatal("the one classmate's rating is not set aside on the result page")
		}
		if code, _ := stu.get(a2); code != http.StatusNotFound {
			t.Fatalf("classmate's result: %d", code)
		}
		parent := s.login(t, "jiazhang@a1")
		if code, body := parent.get(a1); code != 200 || !strings.Contains(body, total) {
			t.Fatalf("parent, own child: %d", code)
		}
		if code, _ := parent.get(a2); code != http.StatusNotFound {
			t.Fatalf("parent, another child: %d", code)
		}
		if _, body := parent.get("/results"); !strings.Contains(body, s.a.StudentA1.Name) || strings.Contains(body, s.a.StudentA2.Name) {
			t.Fatal("parent's result list")
		}

		// The 公示 list: names and levels, no scores.
		code, body = stu.get(pubA)
		if code != 200 || !strings.Contains(body, s.a.StudentA1.Name) || !strings.Contains(body, s.a.StudentA2.Name) || !strings.Contains(body, string(res.Level)) {
			t.Fatalf("publicity list: %d", code)
		}
		c, _ := st.Cycle(ctx, sid, mustInt(cycleID))
		if !strings.Contains(body, cnDateText(c.PublicityEnd)) {
			t.Fatal("publicity window not shown")
		}
		rows, _ := st.CycleResults(ctx, sid, mustInt(cycleID), s.a.ClassA.ID)
		for _, r := range rows {
			if strings.Contains(body, ">"+eval.Num(r.Total)+"<") {
				t.Fatalf("publicity shows a score %v", r.Total)
			}
		}
		if code, _ := stu.get(pubB); code != http.StatusNotFound {
			t.Fatalf("another class's publicity: %d", code)
		}
		if code, _ := parent.get(pubA); code != 200 {
			t.Fatalf("parent, child's class publicity: %d", code)
		}
		if code, _ := renke.get(pubA); code != http.StatusNotFound {
			t.Fatalf("subject teacher, other class's publicity: %d", code)
		}
	})
}

// cnDateText is "2026-03-01" as the pages write it.
func cnDateText(d string) string {
	var y, m, day int
	fmt.Sscanf(d, "%d-%d-%d", &y, &m, &day)
	return fmt.Sprintf("%d年%d月%d日", y, m, day)
}
