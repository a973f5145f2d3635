package eval

import (
	"testing"

	"zhijiao/internal/model"
)

// tinyFramework is small enough to compute by hand:
//
//	A (60%): A1 50% 百分制, self 10 peer 20 head 40 subject 20 mentor 10
//	         A2 50% 五分制, self 20 head 80
//	B (40%): B1 100% 等级制 (优秀 95 良好 85 合格 70 待合格 50), head 50 parent 50
//
// Grading: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 待合格, no quota.
func tinyFramework() model.Framework {
	return model.Framework{
		Code: "tiny", Name: "测试方案", Version: 1,
		Grading: model.Grading{Thresholds: []model.LevelThreshold{
			{Level: model.LevelExcellent, Min: 90}, {Level: model.LevelGood, Min: 80},
			{Level: model.LevelPass, Min: 60}, {Level: model.LevelFail, Min: 0},
		}},
		Dimensions: []model.Dimension{
			{Code: "A", Name: "甲", Weight: 60, Indicators: []model.Indicator{
				{Code: "A1", Name: "甲一", Weight: 50, Scale: score100, RoleWeights: roles(10, 20, 40, 20, 10, 0)},
				{Code: "A2", Name: "甲二", Weight: 50, Scale: rating5, RoleWeights: roles(20, 0, 80, 0, 0, 0)},
			}},
			{Code: "B", Name: "乙", Weight: 40, Indicators: []model.Indicator{
				{Code: "B1", Name: "乙一", Weight: 100, Scale: levels4, RoleWeights: roles(0, 0, 50, 0, 0, 50)},
			}},
		},
	}
}

// rb builds ratings tersely; IDs are given in order.
type ratingBuilder struct {
	id      int64
	ratings []model.Rating
}

func (b *ratingBuilder) add(student int64, code string, role model.RaterRole, rater int64, value float64) *ratingBuilder {
	b.id++
	b.ratings = append(b.ratings, model.Rating{ID: b.id, CycleID: 1, RaterRole: role, RaterID: rater, StudentID: student, IndicatorCode: code, Value: value})
	return b
}

func (b *ratingBuilder) level(student int64, code string, role model.RaterRole, rater int64, level string) *ratingBuilder {
	b.id++
	b.ratings = append(b.ratings, model.Rating{ID: b.id, CycleID: 1, RaterRole: role, RaterID: rater, StudentID: student, IndicatorCode: code, Level: level})
	return b
}

// peers adds peer ratings from raters 1001, 1002, … .
func (b *ratingBuilder) peers(student int64, code string, values ...float64) *ratingBuilder {
	for i, v := range values {
		b.add(student, code, model.RaterPeer, int64(1001+i), v)
	}
	return b
}

func mustCompute(t *testing.T, in Input, opt Options) Outcome {
	t.Helper()
	out, err := Compute(in, opt)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return out
}

func indicator(t *testing.T, r model.StudentResult, code string) model.IndicatorResult {
	t.Helper()
	for _, d := range r.Dimensions {
		for _, ir := range d.Indicators {
			if ir.Code == code {
				return ir
			}
		}
	}
	t.Fatalf("no indicator %s", code)
	return model.IndicatorResult{}
}

func role(t *testing.T, ir model.IndicatorResult, r model.RaterRole) model.RoleResult {
	t.Helper()
	for _, x := range ir.Roles {
		if x.Role == r {
			return x
		}
	}
	t.Fatalf("indicator %s has no role %s", ir.Code, r)
	return model.RoleResult{}
}
