package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// A sheet saved through the rating page reaches the cycle page's
// provisional distribution for staff (in Chinese and English), and never
// the pages of students and parents.
func TestProvisionalDistributionStaffOnly(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		f := eval.DefaultFramework()
		if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &f); err != nil {
			t.Fatal(err)
		}
		c := storage.EvalCycle{Cycle: model.Cycle{TermID: s.a.Term.ID, Name: "期中评价", FrameworkID: f.ID, PeerCount: 3, Seed: 5}}
		if err := st.CreateCycle(ctx, sid, model.SystemActor, &c); err != nil {
			t.Fatal(err)
		}
		if _, err := evalrun.Open(ctx, st, sid, model.SystemActor, c.ID); err != nil {
			t.Fatal(err)
		}
		page := "/cycles/" + itoa(c.ID)
		admin := s.login(t, "admin@a1")
		if _, body := admin.get(page); strings.Contains(body, "暂定结果分布") {
			t.Fatal("a distribution shown before any sheet was saved")
		}
		form := url.Values{}
		for _, code := range eval.IndicatorsFor(f, model.RaterHeadTeacher) {
			form.Set("v_"+code, value(f, code))
		}
		ht := s.login(t, "banzhuren@a1")
		if code, _, _ := ht.postForm("/rate/"+itoa(c.ID)+"/head_teacher/"+itoa(s.a.StudentA1.ID), form); code != http.StatusSeeOther {
			t.Fatalf("head teacher's sheet: %d", code)
		}
		// The worker stores it shortly after the save; wait at most 10 s.
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			got, err := st.ProvisionalResults(ctx, sid, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 1 && got[0].StudentID == s.a.StudentA1.ID {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("no provisional result after the save: %+v", got)
			}
		}
		_, body := admin.get(page)
		if !strings.Contains(body, "暂定结果分布") || !strings.Contains(body, "1 名学生已有暂定结果") {
			t.Fatalf("staff page lacks the provisional distribution:\n%s", body)
		}
		admin.http.Jar.SetCookies(mustURL(admin.base), []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
		if _, body := admin.get(page); !strings.Contains(body, "Provisional distribution") || !strings.Contains(body, "students have a provisional result") {
			t.Fatal("English page lacks the provisional distribution")
		}
		for _, who := range []string{"xs1@a1", "jiazhang@a1"} {
			cl := s.login(t, who)
			if code, body := cl.get(page); code != http.StatusForbidden && code != http.StatusNotFound || strings.Contains(body, "暂定") {
				t.Fatalf("%s opened the cycle page: %d", who, code)
			}
			for _, p := range []string{"/", "/rate", "/results"} {
				if _, body := cl.get(p); strings.Contains(body, "暂定结果") {
					t.Fatalf("%s sees provisional results on %s", who, p)
				}
			}
		}
	})
}
