package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// severityCycle opens a cycle on the default framework in school a and has class A's two students rate each other
// and the head teacher rate both, on every indicator each role rates, with values that vary by indicator and rater
// so that the model has several categories to work with.
func severityCycle(t *testing.T, st *storage.Storage, s *site) storage.EvalCycle {
	t.Helper()
	ctx := context.Background()
	sid := s.a.School.ID
	f := eval.DefaultFramework()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &f))
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: s.a.Term.ID, Name: "宽严度测试", FrameworkID: f.ID, PeerCount: 3, Seed: 5}}
	must(st.CreateCycle(ctx, sid, model.SystemActor, &c))
	_, err := evalrun.Open(ctx, st, sid, model.SystemActor, c.ID)
	must(err)
	a1, a2, head := s.a.StudentA1.ID, s.a.StudentA2.ID, s.a.TeacherHead.ID
	for k, x := range []struct {
		role           model.RaterRole
		rater, student int64
	}{{model.RaterPeer, a1, a2}, {model.RaterPeer, a2, a1}, {model.RaterHeadTeacher, head, a1}, {model.RaterHeadTeacher, head, a2}} {
		var rs []model.Rating
		for i, code := range eval.IndicatorsFor(f, x.role) {
			r := model.Rating{CycleID: c.ID, RaterRole: x.role, RaterID: x.rater, StudentID: x.student, IndicatorCode: code}
			for _, ind := range eval.Indicators(f) {
				if ind.Code != code {
					continue
				}
				switch ind.Scale.Kind {
				case model.ScaleLevels:
					r.Level = ind.Scale.Levels[(i+k)%len(ind.Scale.Levels)].Name
				case model.ScaleRating5:
					r.Value = float64(2 + (i+k)%4)
				default:
					r.Value = eval.NearestChoice(ind, float64(55+10*((i+k)%5)))
				}
			}
			rs = append(rs, r)
		}
		_, err := st.SubmitRatings(ctx, sid, model.SystemActor, c.ID, x.role, x.rater, 0, rs)
		must(err)
	}
	return c
}

func TestSeverityPage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		c := severityCycle(t, st, s)
		path := "/cycles/" + itoa(c.ID) + "/fairness/severity"
		admin := s.login(t, "admin@a1")
		code, body := admin.get(path + "?class=" + itoa(s.a.ClassA.ID))
		if code != 200 || !strings.Contains(body, "评分者宽严度") || !strings.Contains(body, "指标组") {
			t.Fatalf("admin severity page: %d\n%s", code, body)
		}
		// Numbers for every rater of a fitted group: the two classmates by name, the head teacher by number.
		if !strings.Contains(body, "95% 区间") || !strings.Contains(body, "张一") || !strings.Contains(body, "#"+itoa(s.a.TeacherHead.ID)) {
			t.Errorf("admin severity page lacks the raters' rows:\n%s", body)
		}
		if !strings.Contains(body, `href="/cycles/`+itoa(c.ID)+`/fairness?class=`+itoa(s.a.ClassA.ID)+`"`) {
			t.Error("no link back to the fairness page")
		}
		// The fairness page's scope: a head teacher sees their own class only, students never, another school nothing.
		for _, c := range []struct {
			user  string
			class int64
			want  int
		}{
			{"banzhuren@a1", s.a.ClassA.ID, http.StatusOK},
			{"banzhuren@a1", s.a.ClassB.ID, http.StatusNotFound},
			{"xs1@a1", 0, http.StatusForbidden},
			{"admin@b1", 0, http.StatusNotFound},
		} {
			q := ""
			if c.class != 0 {
				q = "?class=" + itoa(c.class)
			}
			if code, _ := s.login(t, c.user).get(path + q); code != c.want {
				t.Errorf("%s, class %d: %d, want %d", c.user, c.class, code, c.want)
			}
		}
		base, _ := url.Parse(admin.base)
		admin.http.Jar.SetCookies(base, []*http.Cookie{{Name: "lang", Value: "en"}})
		if code, body := admin.get(path + "?class=" + itoa(s.a.ClassA.ID)); code != 200 || !strings.Contains(body, "Rater severity") {
			t.Fatalf("English page: %d", code)
		}
	})
}
