package eval

import (
	"strings"
	"testing"

	"zhijiao/internal/model"
)

// scoped builds complete results: one per total, with class, cohort and
// major given per student.
func scoped(totals []float64, class, cohort, major []int64) []model.StudentResult {
	rs := graded(totals)
	for i := range rs {
		rs[i].ClassID, rs[i].CohortID, rs[i].MajorID = class[i], cohort[i], major[i]
	}
	return rs
}

// TestQuotaScopes: quotas and ranks by class, cohort, major or the whole
// cycle; with small-class pooling, the classes too small for one place
// (QuotaLimit(n, 30) == 0, fewer than 4 students) share the quota with the
// other small classes of their cohort.
//
// Worked example of pooling (the last case): classes 1 (2 students) and
// 2 (3 students) of cohort 2024 are too small for one 优秀 place at 30%;
// pooled they are 5 students, ⌊5 × 30%⌋ = 1 place, which the best of the
// five (96, class 2) takes. Class 3 (cohort 2025, 3 students) has no
// other small class in its cohort: alone it still has no place. Class 4
// (4 students) is large enough and keeps its own quota.
func TestQuotaScopes(t *testing.T) {
	totals := []float64{95, 91, 96, 93, 92, 99, 98, 97, 94, 93, 92, 91}
	class := []int64{1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4}
	cohort := []int64{2024, 2024, 2024, 2024, 2024, 2025, 2025, 2025, 2025, 2025, 2025, 2025}
	major := []int64{7, 8, 7, 8, 7, 8, 7, 8, 7, 8, 7, 8}
	cases := []struct {
		name        string
		scope, pool string
		want        string
		groupSizes  string
		pooledLine  int // student (1-based) whose explanation says pooled; 0 none
	}{
		{"by class: small classes get no place", model.QuotaByClass, "", "BBBBBBBBABBB", "2 2 3 3 3 3 3 3 4 4 4 4", 0},
		{"by cohort", model.QuotaByCohort, "", "BBABBAABBBBB", "5 5 5 5 5 7 7 7 7 7 7 7", 0},
		{"by major", model.QuotaByMajor, "", "BBBBBAABBBBB", "6 6 6 6 6 6 6 6 6 6 6 6", 0},
		{"whole cycle", model.QuotaByCycle, "", "BBBBBAAABBBB", "12 12 12 12 12 12 12 12 12 12 12 12", 0},
		{"small classes pooled by cohort", model.QuotaByClass, model.QuotaByCohort, "BBABBBBBABBB", "5 5 5 5 5 3 3 3 4 4 4 4", 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := scoped(totals, class, cohort, major)
			g := quota(30, 0)
			g.QuotaScope, g.SmallClassScope = c.scope, c.pool
			if err := checkGradingOK(g); err != nil {
				t.Fatal(err)
			}
			_, pooled := assignLevelsBy(rs, g)
			if got := levelString(rs); got != c.want {
				t.Errorf("levels %s, want %s", got, c.want)
			}
			var sizes []string
			for _, r := range rs {
				sizes = append(sizes, Num(float64(r.GroupSize)))
			}
			if got := strings.Join(sizes, " "); got != c.groupSizes {
				t.Errorf("group sizes %s, want %s", got, c.groupSizes)
			}
			if c.pooledLine > 0 && !pooled[c.pooledLine-1] || c.pooledLine == 0 && pooled[0] {
				t.Errorf("pooled %v", pooled)
			}
		})
	}
}

func checkGradingOK(g model.Grading) error {
	if p := checkGrading(g); len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

// TestPooledExplanation: a student of a pooled small class reads why.
func TestPooledExplanation(t *testing.T) {
	f := tinyFramework()
	f.Grading = quota(30, 0)
	f.Grading.SmallClassScope = model.QuotaByCohort
	f.Dimensions[0].Indicators[0].RoleWeights = roles(0, 0, 100, 0, 0, 0)
	b := &ratingBuilder{}
	var students []Student
	for i, v := range []float64{95, 91, 96, 93, 92} {
		s := int64(i + 1)
		students = append(students, Student{ID: s, ClassID: int64(1 + i/2), CohortID: 2024, MajorID: 7})
		b.add(s, "A1", model.RaterHeadTeacher, 501, v).add(s, "A2", model.RaterHeadTeacher, 501, 5).level(s, "B1", model.RaterHeadTeacher, 501, "优秀")
	}
	out := mustCompute(t, Input{Framework: f, Students: students, Ratings: b.ratings}, Options{})
	s := strings.Join(out.Results[2].Explanation, "\n")
	for _, want := range []string{"本班人数较少，不足以产生一个名额，按方案与同年级其他小班合并计算名额和排名（共 5 人）",
		"合并计算的小班优秀名额为 30%，5 人中最多 1 人，你排第 1 名，在名额内"} {
		if !strings.Contains(s, want) {
			t.Errorf("explanation lacks %q:\n%s", want, s)
		}
	}
}
