package eval

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

// benchFramework has 40 indicators (5 dimensions × 8), every role rating
// every indicator, so that a school of 3,000 gets about ten ratings per
// student and indicator: 1 self, 4 peers, 1 head teacher, 3 subject
// teachers, 1 parent, and a mentor for a third of the students.
func benchFramework() model.Framework {
	f := model.Framework{Code: "bench", Name: "基准测试方案", Version: 1, Grading: DefaultGrading(), Aggregation: DefaultAggregation()}
	for d := range 5 {
		dim := model.Dimension{Code: fmt.Sprintf("D%d", d), Name: fmt.Sprintf("维度%d", d), Weight: 20}
		for i := range 8 {
			sc := score100
			if i == 7 {
				sc = levels4
			}
			dim.Indicators = append(dim.Indicators, model.Indicator{
				Code: fmt.Sprintf("D%dI%d", d, i), Name: fmt.Sprintf("指标%d-%d", d, i), Weight: 12.5,
				Scale: sc, RoleWeights: roles(10, 20, 30, 20, 10, 10),
			})
		}
		f.Dimensions = append(f.Dimensions, dim)
	}
	return Clone(f)
}

// syntheticSchool builds a cycle the way storage would hand it over:
// tasks from Tasks, one rating per task and indicator the role rates,
// values around each student's own level, and a few evidence records.
func syntheticSchool(f model.Framework, classes, perClass int, seed uint64) Input {
	rng := rand.New(rand.NewPCG(seed, 99))
	in := Input{Framework: f}
	ti := TaskInput{CycleID: 1, Seed: seed, PeerCount: 4}
	ability := map[int64]float64{}
	sid := int64(100000)
	for c := range classes {
		classID := int64(c + 1)
		roster := ClassRoster{ClassID: classID, HeadTeacherID: int64(5000 + c)}
		for range perClass {
			sid++
			roster.StudentIDs = append(roster.StudentIDs, sid)
			in.Students = append(in.Students, Student{ID: sid, ClassID: classID})
			ability[sid] = 62 + 36*rng.Float64()
			ti.Parents = append(ti.Parents, Guardianship{GuardianID: 900000 + sid, StudentID: sid})
			if sid%3 == 0 {
				ti.Mentors = append(ti.Mentors, Apprenticeship{MentorID: 7000 + sid%50, StudentID: sid})
			}
		}
		ti.Classes = append(ti.Classes, roster)
		for k := range 3 {
			ti.Teaching = append(ti.Teaching, Teaching{TeacherID: int64(6000 + 3*c + k), ClassID: classID})
		}
	}
	inds := Indicators(f)
	id := int64(0)
	for _, task := range Tasks(ti) {
		for _, ind := range inds {
			if ind.RoleWeights[task.Role] <= 0 {
				continue
			}
			v := ability[task.StudentID] + 6*rng.NormFloat64()
			v = min(max(v, 0), 100)
			id++
			r := model.Rating{ID: id, CycleID: 1, RaterRole: task.Role, RaterID: task.RaterID, StudentID: task.StudentID, IndicatorCode: ind.Code}
			switch ind.Scale.Kind {
			case model.ScaleScore100:
				r.Value = float64(int(v))
			case model.ScaleRating5:
				r.Value = float64(min(max(int(v/20+0.5), 1), 5))
			case model.ScaleLevels:
				r.Level = ind.Scale.Levels[min(max(int((100-v)/10), 0), len(ind.Scale.Levels)-1)].Name
			}
			in.Ratings = append(in.Ratings, r)
		}
	}
	eid := int64(0)
	for _, s := range in.Students {
		for range rng.IntN(4) {
			eid++
			e := model.Evidence{ID: eid, StudentID: s.ID, TermID: 1, Status: model.EvidenceVerified}
			switch rng.IntN(4) {
			case 0:
				e.Kind, e.Title = model.EvidenceCompetition, "技能大赛"
				e.Level, e.Prize = model.AwardLevels[rng.IntN(5)], model.Prizes[rng.IntN(4)]
			case 1:
				e.Kind, e.Title, e.Level, e.Passed = model.EvidenceCertificate, "1+X 证书", model.CertIntermediate, rng.IntN(10) < 9
			case 2:
				e.Kind, e.Title, e.Category, e.Hours = model.EvidenceService, "社区志愿服务", "志愿服务", float64(2+rng.IntN(20))
			default:
				e.Kind, e.Title, e.Category, e.Points = model.EvidenceBehaviour, "迟到", "守时守纪", -1
			}
			in.Evidence = append(in.Evidence, e)
		}
	}
	return in
}

// benchPolicy spreads rules over the bench framework's indicators.
func benchPolicy() model.EvidencePolicy {
	p := model.EvidencePolicy{TermCap: 30}
	for i, lv := range model.AwardLevels {
		for j, pr := range model.Prizes {
			p.Rules = append(p.Rules, model.EvidenceRule{Kind: model.EvidenceCompetition, Level: lv, Prize: pr, IndicatorCode: "D4I0", Mode: model.RuleFixed, Points: float64(10 - 2*i - j)})
		}
	}
	p.Rules = append(p.Rules,
		model.EvidenceRule{Kind: model.EvidenceCertificate, IndicatorCode: "D4I1", Mode: model.RuleFixed, Points: 5},
		model.EvidenceRule{Kind: model.EvidenceService, IndicatorCode: "D0I4", Mode: model.RulePerHour, Points: 0.5},
		model.EvidenceRule{Kind: model.EvidenceBehaviour, IndicatorCode: "D3I7", Mode: model.RuleRecord, Points: 1})
	p.Caps = []model.EvidenceCap{{IndicatorCode: "D4I0", MaxBonus: 20}, {IndicatorCode: "D0I4", MaxBonus: 5}}
	return p
}

var benchInput *Input

func schoolInput(b *testing.B) Input {
	if benchInput == nil {
		in := syntheticSchool(benchFramework(), 67, 45, 2026) // 3,015 students
		in.Policy = benchPolicy()
		benchInput = &in
		b.Logf("%d students, %d indicators, %d ratings, %d evidence records",
			len(in.Students), len(Indicators(in.Framework)), len(in.Ratings), len(in.Evidence))
	}
	return *benchInput
}

// BenchmarkCompute is a full recompute of one school's term in memory.
func BenchmarkCompute(b *testing.B) {
	in := schoolInput(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compute(in, Options{CycleID: 1, TermID: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComputeNumbersOnly is the same without explanation lines.
func BenchmarkComputeNumbersOnly(b *testing.B) {
	in := schoolInput(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compute(in, Options{CycleID: 1, TermID: 1, SkipExplanations: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComputeSortedInput feeds ratings in the order
// "ORDER BY student_id, indicator_code" gives: the grouping pass then
// writes sequentially and the lookup cache hits.
func BenchmarkComputeSortedInput(b *testing.B) {
	in := schoolInput(b)
	in.Ratings = slices.Clone(in.Ratings)
	slices.SortStableFunc(in.Ratings, func(x, y model.Rating) int {
		return cmp.Or(cmp.Compare(x.StudentID, y.StudentID), strings.Compare(x.IndicatorCode, y.IndicatorCode))
	})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compute(in, Options{CycleID: 1, TermID: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTasks generates who-rates-whom for the school.
func BenchmarkTasks(b *testing.B) {
	ti := TaskInput{CycleID: 1, Seed: 1, PeerCount: 4}
	sid := int64(0)
	for c := range 67 {
		r := ClassRoster{ClassID: int64(c + 1), HeadTeacherID: int64(c + 1)}
		for range 45 {
			sid++
			r.StudentIDs = append(r.StudentIDs, sid)
			ti.Parents = append(ti.Parents, Guardianship{GuardianID: sid, StudentID: sid})
		}
		ti.Classes = append(ti.Classes, r)
		for k := range 8 {
			ti.Teaching = append(ti.Teaching, Teaching{TeacherID: int64(100 + 8*c + k), ClassID: int64(c + 1)})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Tasks(ti)
	}
}
