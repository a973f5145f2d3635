package eval

import (
	"fmt"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

// graded builds rated results for one class from totals; dims, when given,
// are the first dimension's scores (the first tie-break).
func graded(totals []float64, dims ...float64) []model.StudentResult {
	rs := make([]model.StudentResult, len(totals))
	for i, t := range totals {
		d := 0.0
		if i < len(dims) {
			d = dims[i]
		}
		rs[i] = model.StudentResult{StudentID: int64(i + 1), ClassID: 1, Rated: true, Total: t,
			Dimensions: []model.DimensionResult{{Score: d}, {Score: 0}}}
	}
	return rs
}

func levelPlan(g model.Grading) *plan {
	f := tinyFramework()
	f.Grading = g
	return newPlan(&f)
}

func quota(excellent, good float64) model.Grading {
	g := DefaultGrading()
	g.Thresholds[0].MaxPercent = excellent
	g.Thresholds[1].MaxPercent = good
	return g
}

func levelString(rs []model.StudentResult) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Level.Code())
	}
	return b.String()
}

func TestLevels(t *testing.T) {
	cases := []struct {
		name    string
		g       model.Grading
		totals  []float64
		dims    []float64
		want    string // level codes in input order
		ranks   string
		tiedAt  []int // students (1-based) whose note says "tied"
		limitAt int   // the limit in any note
	}{
		{"thresholds only", DefaultGrading(), []float64{95, 90, 89.99, 80, 79.99, 60, 59.99, 0}, nil, "AABBCCDD", "", nil, 0},
		{"thresholds only, no quota",
			model.Grading{Thresholds: DefaultGrading().Thresholds[:1:1]}, []float64{1}, nil, "A", "", nil, 0},
		{"quota 30% of 10 = 3, no tie", quota(30, 0),
			[]float64{99, 98, 97, 96, 95, 85, 70, 70, 65, 50}, nil, "AAABBBCCCD", "1 2 3 4 5 6 7 7 9 10", nil, 3},
		{"tie straddles the cut: both tied keep, one over the quota", quota(30, 0),
			[]float64{95, 94, 92, 92, 91, 85, 70, 70, 65, 50}, nil, "AAAABBCCCD", "1 2 3 3 5 6 7 7 9 10", []int{3, 4}, 3},
		{"tie inside the quota: both keep", quota(30, 0),
			[]float64{95, 94, 94, 92, 91, 85, 70, 70, 65, 50}, nil, "AAABBBCCCD", "1 2 2 4 5 6 7 7 9 10", nil, 3},
		{"tie exactly filling the quota keeps", quota(30, 0),
			[]float64{95, 94, 94, 89, 88, 85, 70, 70, 65, 50}, nil, "AAABBBCCCD", "1 2 2 4 5 6 7 7 9 10", nil, 0},
		{"equal totals broken by the first dimension", quota(30, 0),
			[]float64{95, 94, 92, 92, 91, 85, 70, 70, 65, 50}, []float64{0, 0, 80, 90}, "AABABBCCCD", "1 2 4 3 5 6 7 7 9 10", nil, 3},
		{"whole top tied: all keep, no place left empty", quota(30, 0),
			[]float64{92, 92, 92, 92, 92, 85, 70, 70, 65, 50}, nil, "AAAAABCCCD", "1 1 1 1 1 6 7 7 9 10", []int{1, 2, 3, 4, 5}, 3},
		{"tie below the cut: the tie moves down whole", quota(30, 0),
			[]float64{95, 94, 93, 92, 92, 85, 70, 70, 65, 50}, nil, "AAABBBCCCD", "1 2 3 4 4 6 7 7 9 10", nil, 3},
		{"quota rounds down: 30% of 3 is 0", quota(30, 0), []float64{95, 91, 70}, nil, "BBC", "1 2 3", nil, 0},
		{"cascade: 良好 at most 40% of 10 = 4", quota(30, 40),
			[]float64{99, 98, 97, 96, 95, 94, 85, 84, 60, 50}, nil, "AAABBBBCCD", "1 2 3 4 5 6 7 8 9 10", nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := graded(c.totals, c.dims...)
			notes, _ := assignLevels(rs, levelPlan(c.g))
			if got := levelString(rs); got != c.want {
				t.Errorf("levels %s, want %s", got, c.want)
			}
			if c.ranks != "" {
				var got []string
				for _, r := range rs {
					got = append(got, fmt.Sprint(r.Rank))
				}
				if g := strings.Join(got, " "); g != c.ranks {
					t.Errorf("ranks %s, want %s", g, c.ranks)
				}
			}
			var tied []int
			for i, ns := range notes {
				for _, n := range ns {
					if n.tied > 0 {
						tied = append(tied, i+1)
					}
					if c.limitAt != 0 && n.limit != c.limitAt {
						t.Errorf("student %d note limit %d, want %d", i+1, n.limit, c.limitAt)
					}
				}
			}
			if fmt.Sprint(tied) != fmt.Sprint(c.tiedAt) && !(len(tied) == 0 && len(c.tiedAt) == 0) {
				t.Errorf("tied students %v, want %v", tied, c.tiedAt)
			}
			for _, r := range rs {
				if r.ScoreLevel != LevelFor(c.g, r.Total) || r.GroupSize != len(c.totals) {
					t.Errorf("student %d: score level %s group %d", r.StudentID, r.ScoreLevel, r.GroupSize)
				}
			}
		})
	}
}

// TestLevelsStableUnderPermutation: who gets the level never depends on
// the order of the input (or student IDs) when students are tied.
func TestLevelsStableUnderPermutation(t *testing.T) {
	totals := []float64{92, 95, 91, 92, 94, 85, 70, 70, 65, 50}
	rs := graded(totals)
	assignLevels(rs, levelPlan(quota(30, 0)))
	byTotal := map[float64]model.Level{}
	for _, r := range rs {
		byTotal[r.Total] = r.Level
	}
	if byTotal[92] != model.LevelExcellent || byTotal[94] != model.LevelExcellent || byTotal[91] != model.LevelGood {
		t.Fatalf("levels by total %v", byTotal)
	}
}

func TestLevelGroups(t *testing.T) {
	rs := append(graded([]float64{95, 94, 93}), graded([]float64{92, 60, 60})...)
	for i := 3; i < 6; i++ {
		rs[i].StudentID, rs[i].ClassID = int64(i+1), 2
	}
	rs = append(rs, model.StudentResult{StudentID: 99, ClassID: 2}) // not rated: no level, not counted
	g := quota(34, 0)                                               // 1 of 3 per class; 2 of 6 school-wide
	assignLevels(rs, levelPlan(g))
	if got := levelString(rs); got != "ABBACC" {
		t.Errorf("by class: %s, want ABBACC", got)
	}
	if rs[3].Rank != 1 || rs[3].GroupSize != 3 || rs[6].Level != "" || rs[6].Rank != 0 {
		t.Errorf("class 2 ranks: %+v / %+v", rs[3], rs[6])
	}
	g.QuotaScope = model.QuotaByCycle
	assignLevels(rs, levelPlan(g))
	if got := levelString(rs); got != "AABBCC" {
		t.Errorf("by cycle: %s, want AABBCC", got)
	}
	if rs[3].Rank != 4 || rs[3].GroupSize != 6 {
		t.Errorf("cycle rank of 92: %d of %d", rs[3].Rank, rs[3].GroupSize)
	}
}

// TestQuotaExplanation runs quotas through Compute and reads the lines a
// student sees.
func TestQuotaExplanation(t *testing.T) {
	f := tinyFramework()
	f.Grading = quota(30, 0)
	f.Dimensions[0].Indicators[0].RoleWeights = roles(0, 0, 100, 0, 0, 0)
	b := &ratingBuilder{}
	for i, v := range []float64{95, 94, 92, 92, 91, 85, 70, 70, 65, 50} {
		s := int64(i + 1)
		b.add(s, "A1", model.RaterHeadTeacher, 501, v).add(s, "A2", model.RaterHeadTeacher, 501, v/20).
			level(s, "B1", model.RaterHeadTeacher, 501, "优秀")
	}
	var students []Student
	for i := range 10 {
		students = append(students, Student{ID: int64(i + 1), ClassID: 1})
	}
	out := mustCompute(t, Input{Framework: f, Students: students, Ratings: b.ratings}, Options{})
	// A = the rating, B = 95: totals 95, 94.4, 93.2, 93.2, 92.6, …
	tied := strings.Join(out.Results[2].Explanation, "\n")
	for _, want := range []string{
		"总分 93.2 分，达到优秀线 90 分",
		"本班优秀名额为 30%，10 人中最多 3 人，达到优秀的有 5 人。你与另外 1 名同学的总分和各维度得分完全相同，同处名额线上；按规则并列者全部评为优秀，不因并列空出名额，名额因此超出 1 人。",
		"排名规则：先比总分，总分相同再依次比较甲、乙得分；仍完全相同者名次并列。",
		"等级：优秀（A）",
	} {
		if !strings.Contains(tied, want) {
			t.Errorf("tied student's explanation lacks %q:\n%s", want, tied)
		}
	}
	if s := strings.Join(out.Results[4].Explanation, "\n"); !strings.Contains(s, "你排第 5 名，超出名额，评为良好") {
		t.Errorf("5th: %s", s)
	}
	if s := strings.Join(out.Results[0].Explanation, "\n"); !strings.Contains(s, "10 人中最多 3 人，你排第 1 名，在名额内") {
		t.Errorf("1st: %s", s)
	}
}
