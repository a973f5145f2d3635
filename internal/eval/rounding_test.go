package eval

import (
	"math"
	"testing"

	"zhijiao/internal/model"
)

// resultOf builds a result from indicator scores, dimension by dimension:
// dims[d] = {dimension weight, indicator weight, score, indicator weight,
// score, …}.
func resultOf(dims ...[]float64) model.StudentResult {
	var r model.StudentResult
	for di, d := range dims {
		dr := model.DimensionResult{Code: string(rune('A' + di)), Weight: d[0]}
		for k := 1; k+1 < len(d); k += 2 {
			dr.Indicators = append(dr.Indicators, model.IndicatorResult{Code: dr.Code + string(rune('1'+k/2)), Weight: d[k], Score: d[k+1], Rated: true})
		}
		r.Dimensions = append(r.Dimensions, dr)
	}
	return r
}

// TestRoundOnce: dimensions and the total are computed at full precision
// from the indicator scores and rounded once, for display; the level is
// decided on the total as shown.
func TestRoundOnce(t *testing.T) {
	cases := []struct {
		name  string
		r     model.StudentResult
		dims  []float64
		total float64
		level model.Level
	}{
		// A = (80 + 80.01) ÷ 2 = 80.005, shown 80.01. The total is
		// 0.9 × 80.005 + 0.1 × 70 = 79.0045 → 79. Rounding the dimension
		// first would give 0.9 × 80.01 + 0.1 × 70 = 79.009 → 79.01.
		{"no double rounding", resultOf([]float64{90, 50, 80, 50, 80.01}, []float64{10, 100, 70}), []float64{80.01, 70}, 79, model.LevelPass},
		// (59.99 + 60) ÷ 2 = 59.995 → shown 60, and 60 is 合格: the level
		// is decided on the number shown, never on a hidden 59.995.
		{"the shown 60 is 合格", resultOf([]float64{50, 100, 59.99}, []float64{50, 100, 60}), []float64{59.99, 60}, 60, model.LevelPass},
		// 59.99 stays 59.99 on every page (two decimals everywhere), and is
		// 待合格.
		{"59.99 is 待合格 and shown so", resultOf([]float64{100, 100, 59.99}), []float64{59.99}, 59.99, model.LevelFail},
		// Weights of two decimals: (70×33.33 + 80×33.33 + 85×33.34) ÷ 100
		// = 78.334 → 78.33.
		{"thirds", resultOf([]float64{100, 33.33, 70, 33.33, 80, 33.34, 85}), []float64{78.33}, 78.33, model.LevelPass},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.r
			Recombine(&r)
			for i, want := range c.dims {
				if r.Dimensions[i].Score != want {
					t.Errorf("dimension %d = %v, want %v", i, r.Dimensions[i].Score, want)
				}
			}
			if r.Total != c.total {
				t.Errorf("total = %v, want %v", r.Total, c.total)
			}
			if lv := LevelFor(DefaultGrading(), r.Total); lv != c.level {
				t.Errorf("level %s, want %s", lv, c.level)
			}
			if Num(r.Total) != Num(c.total) {
				t.Errorf("shown %s", Num(r.Total))
			}
		})
	}
}

// TestExplanationArithmetic: a reader who multiplies the shown weights by
// the shown scores and divides by the shown weight sum lands within 0.01
// of the shown result, at every level, for a whole synthetic school.
func TestExplanationArithmetic(t *testing.T) {
	in := syntheticSchool(benchFramework(), 8, 40, 11)
	in.Policy = benchPolicy()
	out := mustCompute(t, in, Options{TermID: 1, SkipExplanations: true})
	checked := 0
	for _, r := range out.Results {
		if r.Incomplete {
			continue
		}
		var tw, tws float64
		for _, d := range r.Dimensions {
			tw += d.Weight
			tws += d.Weight * d.Score
			var w, ws float64
			for _, ir := range d.Indicators {
				w += ir.Weight
				ws += ir.Weight * ir.Score
				var rw, rws float64
				for _, ro := range ir.Roles {
					if counted(&ro) {
						rw += ro.Weight
						rws += ro.Weight * ro.Score
					}
				}
				if math.Abs(rws/rw-ir.RatedScore) > 0.01+1e-9 {
					t.Fatalf("student %d %s: roles give %v, shown %v", r.StudentID, ir.Code, rws/rw, ir.RatedScore)
				}
				if math.Abs(ir.RatedScore+ir.EvidencePoints-ir.Score) > 1e-9 && ir.Score != 0 && ir.Score != 100 {
					t.Fatalf("student %d %s: %v + %v ≠ %v", r.StudentID, ir.Code, ir.RatedScore, ir.EvidencePoints, ir.Score)
				}
			}
			if math.Abs(ws/w-d.Score) > 0.005+1e-9 {
				t.Fatalf("student %d %s: indicators give %v, shown %v", r.StudentID, d.Code, ws/w, d.Score)
			}
		}
		if math.Abs(tws/tw-r.Total) > 0.01+1e-9 {
			t.Fatalf("student %d: dimensions give %v, shown %v", r.StudentID, tws/tw, r.Total)
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d complete students checked", checked)
	}
}
