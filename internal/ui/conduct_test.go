package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// conductSite is the router with school a1's default descriptors adopted
// through the page, and their ids by name.
func conductSite(t *testing.T, st *storage.Storage) (*site, map[string]string) {
	t.Helper()
	s := newSite(t, st)
	admin := s.login(t, "deyu@a1")
	if code, _, _ := admin.postForm("/conduct/descriptors/adopt", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("adopt: %d", code)
	}
	ds, err := st.ConductDescriptors(context.Background(), s.a.School.ID, true)
	if err != nil || len(ds) != len(conduct.DefaultDescriptors()) {
		t.Fatalf("descriptors: %d %v", len(ds), err)
	}
	ids := map[string]string{}
	for _, d := range ds {
		ids[d.Name] = strconv.FormatInt(d.ID, 10)
	}
	return s, ids
}

func batch(desc string, students ...int64) url.Values {
	v := url.Values{"descriptor": {desc}}
	for _, id := range students {
		v.Add("student", strconv.FormatInt(id, 10))
	}
	return v
}

func conductRows(t *testing.T, st *storage.Storage, sid int64, f storage.ConductFilter) []storage.ConductRow {
	t.Helper()
	rows, _, err := st.ListConduct(context.Background(), sid, f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// Who may record for whom: a head teacher their classes (their own class
// open at once), a duty teacher and the student council the whole school;
// students and parents not at all. The council's records wait for a
// teacher, and they see no ID numbers.
func TestConductRecordScopes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s, ids := conductSite(t, st)
		a, sid := s.a, s.a.School.ID
		head := s.login(t, "banzhuren@a1")
		code, body := head.get("/conduct/record")
		if code != 200 || !strings.Contains(body, "张一") || !strings.Contains(body, "早操迟到") || strings.Contains(body, "陈三") {
			t.Fatalf("head teacher's record page: %d", code)
		}
		if code, _, loc := head.evPost("/conduct/record", batch(ids["早操迟到"], a.StudentA1.ID, a.StudentA2.ID), "", "", nil); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/conduct/record") {
			t.Fatalf("head teacher's batch: %d %s", code, loc)
		}
		if rows := conductRows(t, st, sid, storage.ConductFilter{}); len(rows) != 2 || rows[0].Status != model.EvidenceVerified || rows[0].RecorderRole != model.RoleHeadTeacher {
			t.Fatalf("after the batch: %+v", rows)
		}
		// 陈三 is in class B: the whole batch is refused.
		if code, body, _ := head.evPost("/conduct/record", batch(ids["上课迟到"], a.StudentA1.ID, a.StudentB1.ID), "", "", nil); code != http.StatusUnprocessableEntity || !strings.Contains(body, "不在你可以记录的范围内") {
			t.Fatalf("out of scope: %d", code)
		}
		if code, body, _ := head.evPost("/conduct/record", batch("", a.StudentA1.ID), "", "", nil); code != http.StatusUnprocessableEntity || !strings.Contains(body, "记录事项") {
			t.Fatalf("no descriptor: %d", code)
		}
		if rows := conductRows(t, st, sid, storage.ConductFilter{}); len(rows) != 2 {
			t.Fatalf("refused batches wrote %d records", len(rows)-2)
		}
		council := s.login(t, "xsh@a1")
		code, body = council.get("/conduct/record?q=" + url.QueryEscape("张"))
		if code != 200 || !strings.Contains(body, "张二") || strings.Contains(body, a.StudentA1.IDNumber) || strings.Contains(body, a.StudentA1.IDNumber[:6]) {
			t.Fatalf("council search: %d", code)
		}
		code, body = council.get("/conduct/record?list=" + url.QueryEscape("陈三\n"+a.StudentA2.StudentNo+"\n王不在"))
		if code != 200 || strings.Count(body, `name="student" value=`) != 2 || strings.Count(body, " checked>") < 2 || !strings.Contains(body, "王不在") {
			t.Fatalf("pasted list: %d", code)
		}
		// Two 张二: a pasted name shared by two students ticks neither.
		twin := model.Student{StudentNo: "a1-B9", Name: "张二", Gender: model.Male, ClassID: a.ClassB.ID}
		if err := st.CreateStudent(context.Background(), sid, model.SystemActor, &twin); err != nil {
			t.Fatal(err)
		}
		code, body = council.get("/conduct/record?list=" + url.QueryEscape("张二"))
		if code != 200 || strings.Count(body, `name="student" value=`) != 2 || strings.Contains(body, " checked>") || !strings.Contains(body, "有同名学生") {
			t.Fatalf("pasted shared name: %d", code)
		}
		if code, _, _ := council.evPost("/conduct/record", batch(ids["乱扔垃圾"], a.StudentB1.ID, a.StudentA1.ID), "", "", nil); code != http.StatusSeeOther {
			t.Fatalf("council batch: %d", code)
		}
		if rows := conductRows(t, st, sid, storage.ConductFilter{Awaiting: []string{conduct.AwaitConfirm}}); len(rows) != 2 {
			t.Fatalf("council records waiting: %+v", rows)
		}
		// The council are students: they read no one's records here.
		if code, body := council.get("/conduct/records"); code == 200 && (strings.Contains(body, "张一") || strings.Contains(body, "陈三")) {
			t.Errorf("the student council reads the records list")
		}
		for _, path := range []string{"/conduct/queue", "/conduct/descriptors"} {
			if code, _ := council.get(path); code != http.StatusForbidden {
				t.Errorf("council GET %s: %d", path, code)
			}
		}
		for _, user := range []string{"xs1@a1", "jiazhang@a1", "renke@a1"} {
			c := s.login(t, user)
			if code, _ := c.get("/conduct/record"); code != http.StatusForbidden {
				t.Errorf("%s GET /conduct/record: %d", user, code)
			}
			if code, _, _ := c.evPost("/conduct/record", batch(ids["早操迟到"], a.StudentA1.ID), "", "", nil); code != http.StatusForbidden {
				t.Errorf("%s POST /conduct/record: %d", user, code)
			}
		}
		// Another school's descriptor or student is refused.
		other := s.login(t, "zhizhou@b1")
		if code, _, _ := other.evPost("/conduct/record", batch(ids["早操迟到"], s.b.StudentA1.ID), "", "", nil); code != http.StatusUnprocessableEntity {
			t.Errorf("another school's descriptor: %d", code)
		}
		duty := s.login(t, "zhizhou@a1")
		if code, _, _ := duty.evPost("/conduct/record", batch(ids["早操迟到"], s.b.StudentA1.ID), "", "", nil); code != http.StatusUnprocessableEntity {
			t.Errorf("another school's student: %d", code)
		}
		photo := evTinyPNG(t)
		if code, _, _ := duty.evPost("/conduct/record", batch(ids["主动打扫公共区域"], a.StudentB1.ID), "proof", "现场.png", photo); code != http.StatusSeeOther {
			t.Fatalf("duty teacher with a photo: %d", code)
		}
		rows := conductRows(t, st, sid, storage.ConductFilter{StudentID: a.StudentB1.ID})
		files, err := st.EvidenceFiles(context.Background(), sid, rows[0].ID)
		if err != nil || len(files) != 1 || rows[0].Status != model.EvidenceVerified {
			t.Fatalf("photo record: %+v %v %v", rows[0], files, err)
		}
	})
}

// The queue: a head teacher confirms the council's records of their
// class, the duty teacher any class, big bonuses only the 德育处; bulk,
// rejection with a reason. Corrections and deletions keep history.
func TestConductQueueAndHistory(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s, ids := conductSite(t, st)
		a, sid := s.a, s.a.School.ID
		council := s.login(t, "xsh@a1")
		council.evPost("/conduct/record", batch(ids["熄灯后喧哗"], a.StudentA1.ID, a.StudentB1.ID), "", "", nil)
		head := s.login(t, "banzhuren@a1")
		head.evPost("/conduct/record", batch(ids["见义勇为"], a.StudentA2.ID), "", "", nil)
		waiting := conductRows(t, st, sid, storage.ConductFilter{Awaiting: []string{conduct.AwaitConfirm, conduct.AwaitApprove}})
		if len(waiting) != 3 {
			t.Fatalf("waiting: %+v", waiting)
		}
		byName := map[string]storage.ConductRow{}
		for _, r := range waiting {
			byName[r.StudentName] = r
		}
		code, body := head.get("/conduct/queue")
		if code != 200 || !strings.Contains(body, "张一") || strings.Contains(body, "陈三") || strings.Contains(body, "张二") {
			t.Fatalf("head teacher's queue: %d", code)
		}
		dec := func(c *client, decision, reason string, rows ...storage.ConductRow) int {
			v := url.Values{"decision": {decision}, "reason": {reason}}
			for _, r := range rows {
				v.Add("record", strconv.FormatInt(r.ID, 10))
			}
			code, _, _ := c.postForm("/conduct/queue", v)
			return code
		}
		if code := dec(head, "confirm", "", byName["陈三"]); code != http.StatusUnprocessableEntity {
			t.Errorf("head teacher confirming class B: %d", code)
		}
		if code := dec(head, "confirm", "", byName["张二"]); code != http.StatusUnprocessableEntity {
			t.Errorf("head teacher approving a big bonus: %d", code)
		}
		duty := s.login(t, "zhizhou@a1")
		if code := dec(duty, "reject", "", byName["张一"], byName["陈三"]); code != http.StatusUnprocessableEntity {
			t.Errorf("rejection without reason: %d", code)
		}
		if code := dec(duty, "reject", "宿舍检查时不在场", byName["张一"], byName["陈三"]); code != http.StatusSeeOther {
			t.Errorf("duty teacher's bulk rejection: %d", code)
		}
		office := s.login(t, "deyu@a1")
		if code := dec(office, "confirm", "", byName["张二"]); code != http.StatusSeeOther {
			t.Errorf("德育处 approval: %d", code)
		}
		if left := conductRows(t, st, sid, storage.ConductFilter{Awaiting: []string{conduct.AwaitConfirm, conduct.AwaitApprove}}); len(left) != 0 {
			t.Fatalf("still waiting: %+v", left)
		}
		bonus := "/conduct/records/" + strconv.FormatInt(byName["张二"].ID, 10)
		if code, _, _ := head.postForm(bonus+"/correct", url.Values{"descriptor": {ids["拾金不昧"]}, "reason": {""}}); code != http.StatusUnprocessableEntity {
			t.Errorf("correction without reason: %d", code)
		}
		if code, _, _ := head.postForm(bonus+"/correct", url.Values{"descriptor": {ids["拾金不昧"]}, "reason": {"核实为拾金不昧"}}); code != http.StatusSeeOther {
			t.Errorf("correction: %d", code)
		}
		if code, _, _ := head.postForm(bonus+"/delete", url.Values{"reason": {"重复记录"}}); code != http.StatusSeeOther {
			t.Errorf("deletion: %d", code)
		}
		code, body = head.get(bonus)
		if code != 200 || !strings.Contains(body, "已删除") || !strings.Contains(body, "核实为拾金不昧") || !strings.Contains(body, "重复记录") || !strings.Contains(body, "见义勇为") {
			t.Errorf("history page: %d", code)
		}
		// Outside the remit, or of another school, a record is not found.
		classB := "/conduct/records/" + strconv.FormatInt(byName["陈三"].ID, 10)
		if code, _ := head.get(classB); code != http.StatusNotFound {
			t.Errorf("head teacher reading class B's record: %d", code)
		}
		if code, _ := s.login(t, "deyu@b1").get(bonus); code != http.StatusNotFound {
			t.Errorf("another school's 德育处: %d", code)
		}
		// The student sees their record as a 写实记录, as any evidence.
		if code, body := s.login(t, "xs1@a1").get("/evidence/" + strconv.FormatInt(byName["张一"].ID, 10)); code != 200 || !strings.Contains(body, "熄灯后喧哗") {
			t.Errorf("the student's own record as evidence: %d", code)
		}
	})
}

// A behaviour rule naming no habit is refused when the rule table is
// saved, and the evidence form offers exactly the categories of the
// tables.
func TestConductCategoriesOneSource(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	admin := s.login(t, "admin@a1")
	code, body := admin.get("/evidence/new?kind=behaviour")
	if code != 200 || !strings.Contains(body, "守时守纪") || strings.Contains(body, "纪律安全") {
		t.Fatalf("behaviour form: %d", code)
	}
	v := url.Values{"term_cap": {"30"}, "r.0.kind": {"behaviour"}, "r.0.category": {"纪律安全"}, "r.0.indicator": {"X06"}, "r.0.mode": {"record"}, "r.0.points": {"1"}}
	code, body, _ = admin.postForm("/evidence-rules", v)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "“纪律安全”不是“习惯养成”维度的指标") {
		t.Fatalf("saving a rule naming no habit: %d", code)
	}
}

// growConduct adds n records by the student council, each from its own
// descriptor, so they wait in the queue too.
func growConduct(t *testing.T, g *grower, n int) string {
	f := g.s.a
	ctx := context.Background()
	return growEach(g, n, func(k int) string {
		d := conduct.Descriptor{Name: fmt.Sprintf("计数事项%02d", k), Category: "守时守纪", Points: -1, Active: true}
		must(t, g.s.st.SaveConductDescriptor(ctx, f.School.ID, model.SystemActor, &d))
		_, err := g.s.st.RecordConduct(ctx, f.School.ID, model.SystemActor, storage.ConductBatch{TermID: f.Term.ID, Descriptor: d,
			StudentIDs: []int64{f.StudentA1.ID}, Date: "2026-11-12", RecorderRole: model.RoleStudentCouncil})
		must(t, err)
		return d.Name
	})
}

// The 德育处 keeps the descriptors (a category the tables do not score and
// a name taken are refused) and the status rules; the record page follows.
func TestConductDescriptorsAndSettings(t *testing.T) {
	st := testdb.SQLite(t)
	s, ids := conductSite(t, st)
	a, sid := s.a, s.a.School.ID
	office := s.login(t, "deyu@a1")
	add := url.Values{"name": {"晨读迟到"}, "category": {"守时守纪"}, "direction": {"-"}, "points": {"1"}, "position": {"30"}, "active": {"on"}}
	if code, _, _ := office.postForm("/conduct/descriptors", add); code != http.StatusSeeOther {
		t.Fatalf("add: %d", code)
	}
	if code, body, _ := office.postForm("/conduct/descriptors", add); code != http.StatusUnprocessableEntity || !strings.Contains(body, "已有名为“晨读迟到”") {
		t.Errorf("a name taken: %d", code)
	}
	bad := url.Values{"name": {"打架"}, "category": {"纪律安全"}, "direction": {"-"}, "points": {"30"}}
	if code, body, _ := office.postForm("/conduct/descriptors", bad); code != http.StatusUnprocessableEntity || !strings.Contains(body, "习惯类别") || !strings.Contains(body, "分值") {
		t.Errorf("bad descriptor: %d", code)
	}
	// Turned off, 早操迟到 is no longer offered nor accepted.
	off := url.Values{"id": {ids["早操迟到"]}, "name": {"早操迟到"}, "category": {"守时守纪"}, "direction": {"-"}, "points": {"1"}, "position": {"1"}}
	if code, _, _ := office.postForm("/conduct/descriptors", off); code != http.StatusSeeOther {
		t.Fatalf("turn off: %d", code)
	}
	head := s.login(t, "banzhuren@a1")
	if _, body := head.get("/conduct/record"); strings.Contains(body, "早操迟到") || !strings.Contains(body, "晨读迟到") {
		t.Error("the record page after the changes")
	}
	if code, _, _ := head.evPost("/conduct/record", batch(ids["早操迟到"], a.StudentA1.ID), "", "", nil); code != http.StatusUnprocessableEntity {
		t.Errorf("a descriptor turned off: %d", code)
	}
	// Teachers' records wait too, and no bonus needs approval.
	if code, _, _ := office.postForm("/conduct/settings", url.Values{"council_needs_confirm": {"on"}, "approval_above": {"0"}}); code != http.StatusSeeOther {
		t.Fatalf("settings: %d", code)
	}
	head.evPost("/conduct/record", batch(ids["见义勇为"], a.StudentA1.ID), "", "", nil)
	rows := conductRows(t, st, sid, storage.ConductFilter{})
	if len(rows) != 1 || rows[0].Awaiting != conduct.AwaitConfirm {
		t.Fatalf("with teachers not counting at once: %+v", rows)
	}
	if code, _ := head.get("/conduct/descriptors"); code != http.StatusForbidden {
		t.Errorf("head teacher on the descriptors page: %d", code)
	}
}
