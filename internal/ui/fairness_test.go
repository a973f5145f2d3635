package ui_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/reportcard"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
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

// TestFairnessPageNumbers: on a class with planted raters the page shows
// alpha with 3 decimals and its interval, the reliability of the peers'
// mean, the level agreement and each planted rater with the reason, in
// Chinese and in English.
func TestFairnessPageNumbers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		fc := testfix.BuildFairnessClass(t, st, s.a)
		path := "/cycles/" + itoa(fc.Cycle.ID) + "/fairness?class=" + itoa(s.a.ClassA.ID)
		ht := s.login(t, "banzhuren@a1")
		code, body := ht.get(path)
		if code != 200 {
			t.Fatalf("page: %d", code)
		}
		for _, want := range []string{"定序", "k = 4", "Fleiss κ", "Gwet AC1", fc.Lenient.Name + "（互评）", fc.Severe.Name + "（互评）", fc.Straight.Name + "（互评）",
			"给同学的评分平均比其他同学评价人高", "次评分全部给了最高档", s.a.TeacherHead.Name + "（班主任评）",
			"/cycles/" + itoa(fc.Cycle.ID) + "/fairness/severity?class=" + itoa(s.a.ClassA.ID)} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		if !regexp.MustCompile(`<td>-?\d\.\d{3}<br><span class="small muted">\[-?\d\.\d{3}, -?\d\.\d{3}\]</span>`).MatchString(body) {
			t.Error("no alpha with 3 decimals and its interval")
		}
		if code, _ := ht.get("/lang/en?next=/"); code != 303 && code != 302 {
			t.Fatalf("language switch: %d", code)
		}
		_, en := ht.get(path)
		for _, want := range []string{"Single-rater α (95% interval)", "Their ratings of classmates are on average", "ordinal"} {
			if !strings.Contains(en, want) {
				t.Errorf("English page lacks %q", want)
			}
		}
	})
}

// TestFairnessWorkbookSheet: the class results workbook carries the
// reliability per indicator and the flags, with no classmate named.
func TestFairnessWorkbookSheet(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		fc := testfix.BuildFairnessClass(t, st, s.a)
		sid := s.a.School.ID
		if err := st.MoveCycle(ctx, sid, model.SystemActor, fc.Cycle.ID, model.CycleClosed, false); err != nil {
			t.Fatal(err)
		}
		if _, err := evalrun.Recompute(ctx, st, sid, model.SystemActor, fc.Cycle.ID); err != nil {
			t.Fatal(err)
		}
		code, body := s.login(t, "banzhuren@a1").get("/reports/" + itoa(fc.Cycle.ID) + "/classes/" + itoa(s.a.ClassA.ID) + ".xlsx")
		if code != 200 {
			t.Fatalf("xlsx: %d", code)
		}
		x, err := excelize.OpenReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows(reportcard.SheetReliability)
		if err != nil {
			t.Fatal(err)
		}
		fa, err := evalrun.Fairness(ctx, st, sid, fc.Cycle, s.a.ClassA.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Header, one row per indicator, a blank row, the flags' header and the flags.
		if want := 1 + len(fa.Indicators) + 1 + 1 + len(fa.Flags); len(rows) != want {
			t.Fatalf("%d rows, want %d: %v", len(rows), want, rows)
		}
		first := rows[1]
		if first[1] != fa.Indicators[0].Name || first[2] != "定序" || first[6] != strconv.FormatFloat(math.Round(fa.Indicators[0].Alpha.Alpha*1000)/1000, 'f', -1, 64) {
			t.Errorf("first indicator row %v", first)
		}
		all := fmt.Sprint(rows)
		for _, name := range []string{fc.Lenient.Name, fc.Severe.Name, fc.Straight.Name} {
			if strings.Contains(all, name) {
				t.Errorf("the workbook names the classmate %s", name)
			}
		}
		if !strings.Contains(all, "偏宽") || !strings.Contains(all, "给同学的评分平均比其他同学评价人高") {
			t.Errorf("no 偏宽 flag with its reason: %v", rows)
		}
	})
}
