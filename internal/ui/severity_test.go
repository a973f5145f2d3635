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
	"zhijiao/internal/testfix"
)

func TestSeverityPage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		c := testfix.SeverityCycle(t, st, s.a)
		path := "/cycles/" + itoa(c.ID) + "/fairness/severity"
		admin := s.login(t, "admin@a1")
		code, body := admin.get(path + "?class=" + itoa(s.a.ClassA.ID))
		if code != 200 || !strings.Contains(body, "评分者宽严度") || !strings.Contains(body, "指标组") {
			t.Fatalf("admin severity page: %d\n%s", code, body)
		}
		// Numbers for every rater of a fitted group: the two classmates by name, the head teacher by number.
		if !strings.Contains(body, "95% 区间") || !strings.Contains(body, "张一") || !strings.Contains(body, s.a.TeacherHead.Name) {
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

// TestFrameworkShowsFairRoles: the framework page says whether scores are corrected for severity, and for which roles.
func TestFrameworkShowsFairRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		admin := s.login(t, "admin@a1")
		for _, roles := range [][]model.RaterRole{nil, {model.RaterPeer, model.RaterSubjectTeacher}} {
			f := eval.DefaultFramework()
			f.Code = "fair" + itoa(int64(len(roles)))
			f.Aggregation.FairRoles = roles
			if err := st.SaveFrameworkVersion(context.Background(), s.a.School.ID, model.SystemActor, &f); err != nil {
				t.Fatal(err)
			}
			code, body := admin.get("/frameworks/" + itoa(f.ID))
			want := "不校正，各评价主体按原始评分合成"
			if roles != nil {
				want = "宽严校正：互评, 任课教师评 的得分先按评价者宽严度"
			}
			if code != 200 || !strings.Contains(body, want) {
				t.Errorf("framework with FairRoles %v: %d, want %q", roles, code, want)
			}
		}
	})
}

// TestSeverityPageDrift: with cycles in two terms rated by the same head teacher, the page has the section on the
// teachers' severity per term; the fixture's two students are too few for the estimate, which the page says instead
// of showing numbers (the numbers themselves are tested in evalrun, TestDriftFindsATeacherWhoBecameSevere).
func TestSeverityPageDrift(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		cs := testfix.BuildCycles(t, st, s.a)
		path := "/cycles/" + itoa(cs.Cur.ID) + "/fairness/severity?class="
		code, body := s.login(t, "admin@a1").get(path + itoa(s.a.ClassA.ID))
		if code != 200 || !strings.Contains(body, "教师宽严度的学期变化") {
			t.Fatalf("severity page with two terms: %d, no drift section\n%s", code, body)
		}
		drift := body[strings.Index(body, "教师宽严度的学期变化"):]
		if !strings.Contains(drift, "评分太少，模型估计没有收敛，因此不显示数值。") || strings.Contains(drift, "<table>") {
			t.Errorf("drift section of a two-student class shows numbers or no reason:\n%s", drift)
		}
	})
}
