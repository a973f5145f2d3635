package eval

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/model"
)

// weightTolerance is how far a weight sum may be from 100: enough for
// decimals typed by people (33.333 × 3), not enough to hide a mistake.
const weightTolerance = 0.001

// ValidationError lists every problem found in a framework, in Chinese, so
// that the editor can show them all at once instead of one per save.
type ValidationError struct {
	Problems []string
}

func (e *ValidationError) Error() string {
	return "评价方案有误：" + strings.Join(e.Problems, "；")
}

// Validate checks a framework: names and unique codes, weights summing to
// 100 at every level, known roles, sane scales and grading. It returns nil
// or a *ValidationError.
func Validate(f model.Framework) error {
	var p []string
	bad := func(format string, a ...any) { p = append(p, fmt.Sprintf(format, a...)) }

	if strings.TrimSpace(f.Name) == "" {
		bad("方案名称不能为空")
	}
	if f.Version < 1 {
		bad("版本号应从 1 开始")
	}
	if len(f.Dimensions) == 0 {
		bad("方案至少需要一个评价维度")
	}
	dimCodes := map[string]bool{}
	indCodes := map[string]bool{}
	var dimSum float64
	for _, d := range f.Dimensions {
		dn := label(d.Name, d.Code)
		switch {
		case d.Code == "":
			bad("维度“%s”缺少代码", dn)
		case dimCodes[d.Code] || indCodes[d.Code]:
			bad("维度代码“%s”重复", d.Code)
		}
		dimCodes[d.Code] = true
		if strings.TrimSpace(d.Name) == "" {
			bad("维度“%s”缺少名称", dn)
		}
		if !(d.Weight > 0) || math.IsInf(d.Weight, 0) {
			bad("维度“%s”的权重应大于 0", dn)
		}
		dimSum += d.Weight
		if len(d.Indicators) == 0 {
			bad("维度“%s”下至少需要一个评价指标", dn)
			continue
		}
		var indSum float64
		for _, ind := range d.Indicators {
			indSum += ind.Weight
			p = append(p, checkIndicator(ind, dimCodes, indCodes)...)
		}
		if !sums100(indSum) {
			bad("维度“%s”下各指标权重合计为 %s，应为 100", dn, weight(indSum))
		}
	}
	if len(f.Dimensions) > 0 && !sums100(dimSum) {
		bad("各维度权重合计为 %s，应为 100", weight(dimSum))
	}
	p = append(p, checkGrading(f.Grading)...)
	p = append(p, checkAggregation(f.Aggregation)...)
	p = append(p, checkRequiredRoles(f)...)
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

// checkIndicator lists the problems of one indicator, in the order the
// editor shows them, and records its code in indCodes.
func checkIndicator(ind model.Indicator, dimCodes, indCodes map[string]bool) []string {
	var p []string
	bad := func(format string, a ...any) { p = append(p, fmt.Sprintf(format, a...)) }
	in := label(ind.Name, ind.Code)
	switch {
	case ind.Code == "":
		bad("指标“%s”缺少代码", in)
	case indCodes[ind.Code] || dimCodes[ind.Code]:
		bad("指标代码“%s”重复", ind.Code)
	}
	indCodes[ind.Code] = true
	if strings.TrimSpace(ind.Name) == "" {
		bad("指标“%s”缺少名称", in)
	}
	if !(ind.Weight > 0) || math.IsInf(ind.Weight, 0) {
		bad("指标“%s”的权重应大于 0", in)
	}
	p = append(p, checkRoles(in, ind.RoleWeights)...)
	p = append(p, checkScale(in, ind.Scale)...)
	p = append(p, checkChoices(in, ind)...)
	seen := map[string]bool{}
	for _, op := range ind.ObservationPoints {
		if strings.TrimSpace(op.Name) == "" && strings.TrimSpace(op.Description) == "" {
			bad("指标“%s”有空白的观测点", in)
		}
		if op.Code != "" && seen[op.Code] {
			bad("指标“%s”的观测点代码“%s”重复", in, op.Code)
		}
		seen[op.Code] = true
	}
	return p
}

// ValidateNew is Validate plus the rules for what people type, applied
// when a framework is created, edited or imported: weights have at most
// two decimals (33.33, not 33.333), and no indicator is rated by the
// student alone (it could never have the rater other than the student
// that every indicator needs, so every student would be 待补评). Stored
// frameworks saved before the rules still load and compute (Compute
// checks only Validate); on such an indicator students are 待补评, and
// the explanation says why.
func ValidateNew(f model.Framework) error {
	var p []string
	if err := Validate(f); err != nil {
		var ve *ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		p = ve.Problems
	}
	twoDecimals := func(x float64) bool { return math.Abs(x*100-math.Round(x*100)) < 1e-6 }
	for _, d := range f.Dimensions {
		if !twoDecimals(d.Weight) {
			p = append(p, fmt.Sprintf("维度“%s”的权重最多两位小数", label(d.Name, d.Code)))
		}
		for _, ind := range d.Indicators {
			in := label(ind.Name, ind.Code)
			if len(ind.RoleWeights) > 0 && onlySelf(ind.RoleWeights) {
				p = append(p, fmt.Sprintf("指标“%s”只有自评，而方案要求每个指标至少 %d 位自评以外的评价者（否则所有学生都会待补评）", in, newAggSettings(f.Aggregation).minOthers))
			}
			if !twoDecimals(ind.Weight) {
				p = append(p, fmt.Sprintf("指标“%s”的权重最多两位小数", in))
			}
			for _, r := range sortedRoles(ind.RoleWeights) {
				if !twoDecimals(ind.RoleWeights[r]) {
					p = append(p, fmt.Sprintf("指标“%s”中%s的权重最多两位小数", in, r.Name()))
				}
			}
		}
	}
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

// sums100 allows the tolerance plus a hair for binary floating point:
// 33.333 × 3 is 99.99900000000001 in float64, and must pass.
func sums100(x float64) bool { return math.Abs(x-100) <= weightTolerance+1e-9 }

// weight formats a weight sum for a message with up to six decimals, so a
// sum of 99.999 never reads "100" in a message saying it is not 100.
func weight(x float64) string {
	return strconv.FormatFloat(math.Round(x*1e6)/1e6, 'f', -1, 64)
}

func label(name, code string) string {
	if name != "" {
		return name
	}
	return code
}

func checkRoles(in string, rw map[model.RaterRole]float64) []string {
	var p []string
	if len(rw) == 0 {
		return []string{fmt.Sprintf("指标“%s”没有设置评价主体", in)}
	}
	var sum float64
	for _, r := range sortedRoles(rw) {
		w := rw[r]
		if !r.Valid() {
			p = append(p, fmt.Sprintf("指标“%s”的评价主体“%s”不存在", in, r))
			continue
		}
		if !(w > 0) || math.IsInf(w, 0) {
			p = append(p, fmt.Sprintf("指标“%s”中%s的权重应大于 0（不参与评价的主体请删除）", in, r.Name()))
		}
		sum += w
	}
	if !sums100(sum) {
		p = append(p, fmt.Sprintf("指标“%s”的各评价主体权重合计为 %s，应为 100", in, weight(sum)))
	}
	return p
}

// sortedRoles lists the roles of a weight map in RaterRoles order, unknown
// roles last by name, so that messages come out in a stable order.
func sortedRoles(rw map[model.RaterRole]float64) []model.RaterRole {
	var out []model.RaterRole
	for _, r := range model.RaterRoles {
		if _, ok := rw[r]; ok {
			out = append(out, r)
		}
	}
	var unknown []string
	for r := range rw {
		if !r.Valid() {
			unknown = append(unknown, string(r))
		}
	}
	slices.Sort(unknown)
	for _, u := range unknown {
		out = append(out, model.RaterRole(u))
	}
	return out
}

func checkScale(in string, s model.Scale) []string {
	switch s.Kind {
	case model.ScaleScore100, model.ScaleRating5:
		if len(s.Levels) > 0 {
			return []string{fmt.Sprintf("指标“%s”为%s，不应设置等级", in, s.Kind.Name())}
		}
		return nil
	case model.ScaleLevels:
		var p []string
		if len(s.Levels) < 2 {
			p = append(p, fmt.Sprintf("指标“%s”为等级制，至少需要两个等级", in))
		}
		seen := map[string]bool{}
		for _, l := range s.Levels {
			if strings.TrimSpace(l.Name) == "" {
				p = append(p, fmt.Sprintf("指标“%s”有未命名的等级", in))
			} else if seen[l.Name] {
				p = append(p, fmt.Sprintf("指标“%s”的等级“%s”重复", in, l.Name))
			}
			seen[l.Name] = true
			if !(l.Points >= 0 && l.Points <= 100) {
				p = append(p, fmt.Sprintf("指标“%s”的等级“%s”折合分数应在 0 到 100 之间", in, l.Name))
			}
		}
		return p
	}
	return []string{fmt.Sprintf("指标“%s”的评分方式“%s”不存在（应为 百分制、五分制 或 等级制）", in, s.Kind)}
}

func checkGrading(g model.Grading) []string {
	var p []string
	if len(g.Thresholds) == 0 {
		return []string{"等级划分至少需要一个等级"}
	}
	seen := map[model.Level]bool{}
	for i, t := range g.Thresholds {
		if !t.Level.Valid() {
			p = append(p, fmt.Sprintf("等级“%s”不存在（应为 优秀、良好、合格 或 待合格）", t.Level))
		} else if seen[t.Level] {
			p = append(p, fmt.Sprintf("等级“%s”重复", t.Level))
		}
		seen[t.Level] = true
		if !(t.Min >= 0 && t.Min <= 100) {
			p = append(p, fmt.Sprintf("等级“%s”的分数线应在 0 到 100 之间", t.Level))
		}
		if i > 0 && !(t.Min < g.Thresholds[i-1].Min) {
			p = append(p, fmt.Sprintf("等级“%s”的分数线应低于上一等级", t.Level))
		}
		if !(t.MaxPercent >= 0 && t.MaxPercent <= 100) {
			p = append(p, fmt.Sprintf("等级“%s”的名额比例应在 0 到 100 之间", t.Level))
		}
	}
	last := g.Thresholds[len(g.Thresholds)-1]
	if last.Min != 0 {
		p = append(p, "最低一个等级的分数线应为 0，使每个总分都有等级")
	}
	if last.MaxPercent > 0 {
		p = append(p, "最低一个等级不能限制名额（超出名额的学生无处可降）")
	}
	switch g.QuotaScope {
	case "", model.QuotaByClass, model.QuotaByCycle, model.QuotaByCohort, model.QuotaByMajor:
	default:
		p = append(p, fmt.Sprintf("名额范围“%s”不存在（应为 class 班级、cohort 年级、major 专业或 cycle 全校）", g.QuotaScope))
	}
	switch g.SmallClassScope {
	case "":
	case model.QuotaByCohort, model.QuotaByMajor, model.QuotaByCycle:
		if g.QuotaScope != "" && g.QuotaScope != model.QuotaByClass {
			p = append(p, "小班合并范围只在按班级计算名额时适用")
		}
	default:
		p = append(p, fmt.Sprintf("小班合并范围“%s”不存在（应为 cohort 年级、major 专业或 cycle 全校）", g.SmallClassScope))
	}
	return p
}

// onlySelf says whether the student themself is the only role of an
// indicator.
func onlySelf(rw map[model.RaterRole]float64) bool {
	for r, w := range rw {
		if r != model.RaterSelf && w > 0 {
			return false
		}
	}
	return true
}

func checkAggregation(a model.Aggregation) []string {
	var p []string
	if a.TrimFrom < 0 {
		p = append(p, "去掉最高最低分的起始人数不能为负")
	}
	if a.MinPeers < 0 {
		p = append(p, "互评计入所需的最少人数不能为负")
	}
	if a.MinOthers < 0 {
		p = append(p, "每个指标至少需要的自评以外评价者人数不能为负（留空为 1）")
	}
	if !(a.TrimPercent >= 0 && a.TrimPercent < 50) {
		p = append(p, "每端去掉的比例应在 0 到 50% 之间")
	}
	p = append(p, checkFairRoles(a.FairRoles)...)
	for _, r := range sortedRoles(roleSet(a.RoleMethods)) {
		m := a.RoleMethods[r]
		if !r.Valid() {
			p = append(p, fmt.Sprintf("汇总方式中的评价主体“%s”不存在", r))
		}
		if m != model.AggMean && m != model.AggMedian && m != model.AggRobust {
			p = append(p, fmt.Sprintf("%s的汇总方式“%s”不存在（应为 mean、median 或 robust）", r.Name(), m))
		}
	}
	return p
}

// checkRequiredRoles checks Aggregation.RequiredRoles: every code is an
// indicator of the framework, every role one that rates it.
func checkRequiredRoles(f model.Framework) []string {
	var p []string
	inds := map[string]model.Indicator{}
	for _, ind := range Indicators(f) {
		inds[ind.Code] = ind
	}
	codes := slices.Sorted(maps.Keys(f.Aggregation.RequiredRoles))
	for _, code := range codes {
		ind, ok := inds[code]
		if !ok {
			p = append(p, fmt.Sprintf("必须参评的评价主体中的指标“%s”不在评价方案中", code))
			continue
		}
		for _, r := range f.Aggregation.RequiredRoles[code] {
			switch {
			case !r.Valid():
				p = append(p, fmt.Sprintf("指标“%s”必须参评的评价主体“%s”不存在", label(ind.Name, code), r))
			case ind.RoleWeights[r] <= 0:
				p = append(p, fmt.Sprintf("指标“%s”要求%s必须参评，但%s不评价该指标", label(ind.Name, code), r.Name(), r.Name()))
			}
		}
	}
	return p
}

func roleSet(m map[model.RaterRole]string) map[model.RaterRole]float64 {
	out := make(map[model.RaterRole]float64, len(m))
	for r := range m {
		out[r] = 0
	}
	return out
}

// Copy returns a deep copy of f as the next version of the same framework:
// no ID (storage gives one), Version + 1, no creation time. Editing the copy
// never touches f, so a cycle pinned to f keeps its results.
func Copy(f model.Framework) model.Framework {
	c := Clone(f)
	c.ID = 0
	c.Version = f.Version + 1
	c.CreatedAt = time.Time{}
	return c
}

// Clone returns a deep copy of f that shares no slice or map with it.
func Clone(f model.Framework) model.Framework {
	c := f
	c.Dimensions = make([]model.Dimension, len(f.Dimensions))
	for i, d := range f.Dimensions {
		d.Indicators = append([]model.Indicator(nil), d.Indicators...)
		for j := range d.Indicators {
			ind := &d.Indicators[j]
			ind.RoleWeights = maps.Clone(ind.RoleWeights)
			ind.Scale.Levels = append([]model.ScaleLevel(nil), ind.Scale.Levels...)
			ind.ObservationPoints = append([]model.ObservationPoint(nil), ind.ObservationPoints...)
			ind.Choices = append([]model.Choice(nil), ind.Choices...)
			ind.Descriptors = maps.Clone(ind.Descriptors)
		}
		c.Dimensions[i] = d
	}
	c.Grading.Thresholds = append([]model.LevelThreshold(nil), f.Grading.Thresholds...)
	c.Aggregation.RoleMethods = maps.Clone(f.Aggregation.RoleMethods)
	c.Aggregation.FairRoles = slices.Clone(f.Aggregation.FairRoles)
	if f.Aggregation.RequiredRoles != nil {
		c.Aggregation.RequiredRoles = make(map[string][]model.RaterRole, len(f.Aggregation.RequiredRoles))
		for k, v := range f.Aggregation.RequiredRoles {
			c.Aggregation.RequiredRoles[k] = slices.Clone(v)
		}
	}
	return c
}

// Indicators lists the framework's indicators in order (dimension by
// dimension).
func Indicators(f model.Framework) []model.Indicator {
	var out []model.Indicator
	for _, d := range f.Dimensions {
		out = append(out, d.Indicators...)
	}
	return out
}

// IndicatorsFor lists the codes of the indicators a role rates, in order:
// the rating form of a rater in that role shows exactly these.
func IndicatorsFor(f model.Framework, role model.RaterRole) []string {
	var out []string
	for _, d := range f.Dimensions {
		for _, ind := range d.Indicators {
			if ind.RoleWeights[role] > 0 {
				out = append(out, ind.Code)
			}
		}
	}
	return out
}

// ScalePoints converts one rating to points on 0–100 for the indicator's
// scale; ok is false for a value outside the scale or an unknown level.
// Storage and the rating form use it to refuse bad input early.
func ScalePoints(s model.Scale, value float64, level string) (points float64, ok bool) {
	switch s.Kind {
	case model.ScaleScore100:
		return value, value >= 0 && value <= 100
	case model.ScaleRating5:
		return value * 20, value >= 1 && value <= 5
	case model.ScaleLevels:
		for _, l := range s.Levels {
			if l.Name == level {
				return l.Points, true
			}
		}
	}
	return 0, false
}

// CheckRating says, in Chinese, why a rating does not fit the framework,
// or returns "" when it does. It is the rule for new input: 五分制 takes
// whole numbers only. (ScalePoints, which Compute uses, still reads any
// value in range, so a value stored before the rule keeps counting.)
func CheckRating(f model.Framework, r model.Rating) string {
	for _, d := range f.Dimensions {
		for _, ind := range d.Indicators {
			if ind.Code != r.IndicatorCode {
				continue
			}
			if ind.RoleWeights[r.RaterRole] <= 0 {
				return fmt.Sprintf("%s不参与指标“%s”的评价", r.RaterRole.Name(), ind.Name)
			}
			if _, ok := ScalePoints(ind.Scale, r.Value, r.Level); !ok {
				return fmt.Sprintf("指标“%s”%s", ind.Name, scaleHint(ind.Scale))
			}
			if ind.Scale.Kind == model.ScaleRating5 && r.Value != math.Trunc(r.Value) {
				return fmt.Sprintf("指标“%s”为五分制，应填 1、2、3、4 或 5 的整数", ind.Name)
			}
			return checkChoice(ind, r)
		}
	}
	return fmt.Sprintf("评价方案中没有指标“%s”", r.IndicatorCode)
}

func scaleHint(s model.Scale) string {
	switch s.Kind {
	case model.ScaleScore100:
		return "应填 0 到 100 之间的分数"
	case model.ScaleRating5:
		return "应填 1 到 5 之间的分数"
	}
	names := make([]string, len(s.Levels))
	for i, l := range s.Levels {
		names[i] = l.Name
	}
	return "应选择 " + strings.Join(names, "、") + " 之一"
}
