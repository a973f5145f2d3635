package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestAppealFlow: refused outside publicity; during publicity the student
// appeals (with a proof file), the head teacher is told and reviews, a
// subject teacher cannot decide, the committee upholds with a new score
// (a correction row; the score changes at recompute) and rejects another
// appeal keeping its reason; the student is told and marks it read.
func TestAppealFlow(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		cycleID, f, move := computedCycle(t, s)
		cid := mustInt(cycleID)
		codes := eval.IndicatorsFor(f, model.RaterSelf)
		stu := s.login(t, "xs1@a1")
		appeal := func(c *client, student int64, code, reason string) (int, string) {
			t.Helper()
			form := url.Values{"cycle_id": {cycleID}, "student_id": {itoa(student)}, "indicator": {code}, "reason": {reason}}
			status, body, _ := c.postMultipart("/appeals", form, "", nil)
			return status, body
		}
		// Outside publicity: refused.
		if code, body := appeal(stu, s.a.StudentA1.ID, codes[0], "自评分数计算有误"); code != http.StatusUnprocessableEntity || !strings.Contains(body, "公示") {
			t.Fatalf("appeal during computed: %d", code)
		}
		if aps, _ := st.Appeals(ctx, sid, cid, 0, ""); len(aps) != 0 {
			t.Fatal("a refused appeal was stored")
		}
		move("publicised")
		// Not their own student, empty or too long a reason: refused.
		if code, _ := appeal(stu, s.a.StudentA2.ID, codes[0], "理由"); code != http.StatusNotFound {
			t.Fatalf("appeal for a classmate: %d", code)
		}
		if code, _ := appeal(stu, s.a.StudentA1.ID, codes[0], "  "); code != http.StatusUnprocessableEntity {
			t.Fatalf("empty reason: %d", code)
		}
		if code, _ := appeal(stu, s.a.StudentA1.ID, codes[0], strings.Repeat("长", 1001)); code != http.StatusUnprocessableEntity {
			t.Fatalf("long reason: %d", code)
		}
		if code, _ := appeal(stu, s.a.StudentA1.ID, "no-such", "理由"); code != http.StatusUnprocessableEntity {
			t.Fatalf("unknown indicator: %d", code)
		}
		if code, _, _ := stu.postMultipart("/appeals", url.Values{"cycle_id": {cycleID}, "student_id": {itoa(s.a.StudentA1.ID)}, "indicator": {codes[0]}, "reason": {"理由"}}, "x.txt", []byte("plain text")); code != http.StatusUnprocessableEntity {
			t.Fatalf("text attachment: %d", code)
		}
		// The student appeals with a PNG; the parent appeals another indicator.
		png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
		form := url.Values{"cycle_id": {cycleID}, "student_id": {itoa(s.a.StudentA1.ID)}, "indicator": {codes[0]}, "reason": {"自评分数计算有误"}}
		if code, _, loc := stu.postMultipart("/appeals", form, "证明.png", png); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/results/") {
			t.Fatalf("appeal: %d %s", code, loc)
		}
		if code, _ := appeal(s.login(t, "jiazhang@a1"), s.a.StudentA1.ID, codes[1], "家长认为评分偏低"); code != http.StatusSeeOther {
			t.Fatalf("parent's appeal: %d", code)
		}
		aps, _ := st.Appeals(ctx, sid, cid, s.a.StudentA1.ID, "")
		if len(aps) != 2 {
			t.Fatalf("%d appeals", len(aps))
		}
		up, rej := itoa(aps[0].ID), itoa(aps[1].ID)

		// The head teacher is told, sees both and reviews both.
		ht := s.login(t, "banzhuren@a1")
		if _, body := ht.get("/notifications"); !strings.Contains(body, "提出申诉") || !strings.Contains(body, "/appeals/"+up) {
			t.Fatal("head teacher not notified")
		}
		if _, body := ht.get("/appeals?state=submitted"); !strings.Contains(body, "/appeals/"+up) || !strings.Contains(body, "/appeals/"+rej) {
			t.Fatal("appeal list")
		}
		if _, body := s.login(t, "xuesheng@a1").get("/appeals?state=upheld"); strings.Contains(body, "/appeals/"+up) {
			t.Fatal("state filter")
		}
		code, body := ht.get("/appeals/" + up)
		if code != 200 || !strings.Contains(body, "自评分数计算有误") || !strings.Contains(body, "证明.png") || !strings.Contains(body, "为什么是这个分数") {
			t.Fatalf("appeal page: %d", code)
		}
		files, _ := st.AppealFiles(ctx, sid, aps[0].ID)
		if len(files) != 1 {
			t.Fatalf("%d files", len(files))
		}
		if code, _ := ht.get("/appeals/" + up + "/files/" + itoa(files[0].ID)); code != 200 {
			t.Fatalf("file download: %d", code)
		}
		if code, _ := ht.get("/appeals/" + rej + "/files/" + itoa(files[0].ID)); code != http.StatusNotFound {
			t.Fatalf("file through another appeal: %d", code)
		}
		if code, _ := s.login(t, "admin@b1").get("/appeals/" + up); code != http.StatusNotFound {
			t.Fatalf("school b reached the appeal: %d", code)
		}
		for _, id := range []string{up, rej} {
			if code, _, _ := ht.postForm("/appeals/"+id+"/review", url.Values{"review": {"已核对评分记录，建议评价委员会复议"}}); code != http.StatusSeeOther {
				t.Fatalf("review: %d", code)
			}
		}
		if ap, _ := st.Appeal(ctx, sid, aps[0].ID); ap.State != storage.AppealHeadReviewed || ap.HeadReview == "" {
			t.Fatalf("after review: %+v", ap)
		}

		// A subject teacher may not decide; the head teacher neither.
		decide := url.Values{"decision": {"upheld"}, "mode": {"set"}, "value": {"55"}, "reason": {"自评分录入错误，更正为 55 分"}}
		if code, _, _ := s.login(t, "renke@a1").postForm("/appeals/"+up+"/decide", decide); code != http.StatusForbidden {
			t.Fatalf("subject teacher decided: %d", code)
		}
		if code, _, _ := ht.postForm("/appeals/"+up+"/decide", decide); code != http.StatusForbidden {
			t.Fatalf("head teacher decided: %d", code)
		}
		office := s.login(t, "jiaowu@a1")
		// Upheld without a score is refused.
		if code, _, _ := office.postForm("/appeals/"+up+"/decide", url.Values{"decision": {"upheld"}, "mode": {"set"}, "reason": {"理由"}}); code != http.StatusSeeOther {
			t.Fatalf("upheld without a score: %d", code)
		}
		if ap, _ := st.Appeal(ctx, sid, aps[0].ID); ap.State != storage.AppealHeadReviewed {
			t.Fatal("upheld without a score was decided")
		}
		before, _ := st.StudentResult(ctx, sid, cid, s.a.StudentA1.ID)
		old := indicatorScore(before, codes[0])
		if code, _, _ := office.postForm("/appeals/"+up+"/decide", decide); code != http.StatusSeeOther {
			t.Fatalf("decide: %d", code)
		}
		if _, body := office.get("/appeals/" + up); !strings.Contains(body, "该生的结果已更正，公示继续进行") {
			t.Fatal("the page does not say the result was corrected")
		}
		if code, _, _ := office.postForm("/appeals/"+rej+"/decide", url.Values{"decision": {"rejected"}, "reason": {"评分符合评价细则，维持原结果"}}); code != http.StatusSeeOther {
			t.Fatalf("reject: %d", code)
		}
		cors, _ := st.Corrections(ctx, sid, cid)
		if len(cors) != 1 || cors[0].IndicatorCode != codes[0] || cors[0].Value != 55 || cors[0].AppealID != aps[0].ID {
			t.Fatalf("corrections %+v", cors)
		}
		if ap, _ := st.Appeal(ctx, sid, aps[1].ID); ap.State != storage.AppealRejected || ap.Decision != "评分符合评价细则，维持原结果" {
			t.Fatalf("rejected appeal %+v", ap)
		}
		if _, body := stu.get("/results/" + cycleID + "/students/" + itoa(s.a.StudentA1.ID)); !strings.Contains(body, "评分符合评价细则，维持原结果") {
			t.Fatal("the student does not see the rejection's reason")
		}
		// The result is corrected at once, 公示 goes on, and the 公示 list
		// marks the row 已更正.
		if c, _ := st.Cycle(ctx, sid, cid); c.State != model.CyclePublicised {
			t.Fatalf("cycle %s after an upheld appeal, want 公示中", c.State.Name())
		}
		after, _ := st.StudentResult(ctx, sid, cid, s.a.StudentA1.ID)
		if got := indicatorScore(after, codes[0]); got == old || got != 55 {
			t.Fatalf("indicator score %v → %v, want 55", old, got)
		}
		if _, body := stu.get("/results/" + cycleID + "/classes/" + itoa(s.a.ClassA.ID) + "/publicity"); !strings.Contains(body, "已更正") {
			t.Fatal("the 公示 list does not mark the corrected row")
		}

		// The student is told, and marks the messages read.
		_, body = stu.get("/notifications")
		if !strings.Contains(body, "申诉已处理") {
			t.Fatalf("student not notified:\n%s", body)
		}
		if code, _, _ := stu.postForm("/notifications/read", url.Values{}); code != http.StatusSeeOther {
			t.Fatalf("mark read: %d", code)
		}
		if _, body := stu.get("/notifications"); !strings.Contains(body, "没有未读消息") {
			t.Fatal("messages still unread")
		}
		if n, _ := st.UnreadNotifications(ctx, sid, s.a.Users[model.RoleHeadTeacher].ID); len(n) != 2 {
			t.Fatalf("marking the student's messages touched the head teacher's: %d", len(n))
		}
	})
}

func indicatorScore(r model.StudentResult, code string) float64 {
	for _, d := range r.Dimensions {
		for _, ind := range d.Indicators {
			if ind.Code == code {
				return ind.Score
			}
		}
	}
	return -1
}
