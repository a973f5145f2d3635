package ui_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

func TestFairnessPage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		f := eval.DefaultFramework()
		if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &f); err != nil {
			t.Fatal(err)
		}
		c := storage.EvalCycle{Cycle: model.Cycle{TermID: s.a.Term.ID, Name: "信度测试", FrameworkID: f.ID, PeerCount: 3, Seed: 5}}
		if err := st.CreateCycle(ctx, sid, model.SystemActor, &c); err != nil {
			t.Fatal(err)
		}
		if _, err := evalrun.Open(ctx, st, sid, model.SystemActor, c.ID); err != nil {
			t.Fatal(err)
		}
		// Each of the two classmates rates the other on the peer indicators.
		for _, pair := range [][2]model.Student{{s.a.StudentA1, s.a.StudentA2}, {s.a.StudentA2, s.a.StudentA1}} {
			var rs []model.Rating
			for _, code := range eval.IndicatorsFor(f, model.RaterPeer) {
				x := model.Rating{CycleID: c.ID, RaterRole: model.RaterPeer, RaterID: pair[0].ID, StudentID: pair[1].ID, IndicatorCode: code}
				for _, ind := range eval.Indicators(f) {
					if ind.Code == code {
						switch ind.Scale.Kind {
						case model.ScaleLevels:
							x.Level = ind.Scale.Levels[1].Name
						case model.ScaleRating5:
							x.Value = 4
						default:
							x.Value = 85 // 良好: classmates choose
						}
					}
				}
				rs = append(rs, x)
			}
			if _, err := st.SubmitRatings(ctx, sid, model.SystemActor, c.ID, model.RaterPeer, pair[0].ID, 0, rs); err != nil {
				t.Fatal(err)
			}
		}
		path := "/cycles/" + itoa(c.ID) + "/fairness"
		admin := s.login(t, "admin@a1")
		code, body := admin.get(path + "?class=" + itoa(s.a.ClassA.ID))
		if code != 200 || !strings.Contains(body, "评分者信度") || !strings.Contains(body, "数据不足") {
			t.Fatalf("admin fairness page: %d", code)
		}
		ht := s.login(t, "banzhuren@a1")
		if code, _ := ht.get(path + "?class=" + itoa(s.a.ClassA.ID)); code != 200 {
			t.Fatalf("head teacher, own class: %d", code)
		}
		if code, _ := ht.get(path + "?class=" + itoa(s.a.ClassB.ID)); code != http.StatusNotFound {
			t.Fatalf("head teacher, class B: %d", code)
		}
		if code, _ := s.login(t, "xs1@a1").get(path); code != http.StatusForbidden {
			t.Fatalf("student: %d", code)
		}
		if code, _ := s.login(t, "admin@b1").get(path); code != http.StatusNotFound {
			t.Fatalf("another school: %d", code)
		}
	})
}
