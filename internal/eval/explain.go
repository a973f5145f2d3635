package eval

import (
	"strconv"

	"zhijiao/internal/model"
)

// The explanation lines answer "为什么我的职业技能是 86.5 分" in words a
// student reads: which roles rated and how many, how several ratings were
// combined, which weights applied (and how a missing role's weight was
// shared), which records added or took points, which caps cut them, and
// the arithmetic with the numbers the student sees. They never name a
// rater: peers stay anonymous.

// writer collects all explanation lines of one student in one buffer; at
// the end the buffer becomes one string and every line a substring of it.
// A school has about a million lines, and one allocation per line was most
// of the time of a recompute.
type writer struct {
	buf     []byte
	ends    []int // end offset of each finished line
	targets []target
}

// target is a run of lines [from, to) that belongs in *dst.
type target struct {
	dst      *[]string
	from, to int
}

func (w *writer) s(s string) *writer    { w.buf = append(w.buf, s...); return w }
func (w *writer) n(x float64) *writer   { w.buf = appendNum(w.buf, x); return w }
func (w *writer) i(x int) *writer       { w.buf = strconv.AppendInt(w.buf, int64(x), 10); return w }
func (w *writer) pct(x float64) *writer { w.buf = append(appendNum(w.buf, x), '%'); return w }
func (w *writer) end()                  { w.ends = append(w.ends, len(w.buf)) }
func (w *writer) line(s string)         { w.s(s).end() }
func (w *writer) mark() int             { return len(w.ends) }

// into says that the lines written since mark from belong in dst.
func (w *writer) into(dst *[]string, from int) {
	w.targets = append(w.targets, target{dst: dst, from: from, to: len(w.ends)})
}

// flush turns the buffer into the lines and hands them to their targets;
// the writer is then empty and reusable for the next student.
func (w *writer) flush() {
	all := string(w.buf)
	lines := make([]string, len(w.ends))
	start := 0
	for k, e := range w.ends {
		lines[k] = all[start:e]
		start = e
	}
	for _, t := range w.targets {
		if t.to > t.from {
			*t.dst = lines[t.from:t.to:t.to] // full slice: an append by the caller copies
		}
	}
	w.buf, w.ends, w.targets = w.buf[:0], w.ends[:0], w.targets[:0]
}

func explainStudent(w *writer, res *model.StudentResult, pl *plan, rb *ruleBook, notes []levelNote, pooled bool) {
	for di := range res.Dimensions {
		dr := &res.Dimensions[di]
		for ii := range dr.Indicators {
			gi := pl.dims[di].first + ii
			from := w.mark()
			explainIndicator(w, &dr.Indicators[ii], &pl.inds[gi], pl, rb.caps[gi], res, rb.term)
			w.into(&dr.Indicators[ii].Explanation, from)
		}
		from := w.mark()
		explainDimension(w, dr)
		w.into(&dr.Explanation, from)
	}
	from := w.mark()
	explainTotal(w, res, pl, notes, pooled)
	w.into(&res.Explanation, from)
	w.flush()
}

func explainIndicator(w *writer, ir *model.IndicatorResult, ip *indPlan, pl *plan, c model.EvidenceCap, res *model.StudentResult, termCap float64) {
	switch {
	case ir.Rated:
		w.s(ir.Name).s("得分 ").n(ir.Score).s(" 分（满分 100 分）。").end()
	default:
		w.s("待补评：").s(ir.Missing).s("。本指标暂不计分，补齐评价后重新计算。").end()
	}
	switch sc := ip.ind.Scale; sc.Kind {
	case model.ScaleRating5:
		w.line("本指标按五分制评分，每 1 分折合 20 分。")
	case model.ScaleLevels:
		w.s("本指标按等级评分：")
		for k, lv := range sc.Levels {
			if k > 0 {
				w.s("、")
			}
			w.s(lv.Name).s(" = ").n(lv.Points).s(" 分")
		}
		w.s("。").end()
	}

	if ir.Rated {
		explainRoles(w, ir, pl)
	}
	for _, e := range ir.Evidence {
		w.s("写实记录：").s(e.Title)
		if e.Points >= 0 {
			w.s("，加 ")
		} else {
			w.s("，扣 ")
		}
		w.n(abs(e.Points)).s(" 分。").end()
	}
	if !ir.Rated {
		if len(ir.Evidence) > 0 {
			w.line("本指标尚无评分，以上写实记录暂未计分。")
		}
		return
	}
	b, d := cappedSums(evidenceSum{bonus: ir.Bonus, deduction: ir.Deduction}, c)
	if b < ir.Bonus {
		w.s("本指标每学期加分上限 ").n(c.MaxBonus).s(" 分，加分 ").n(ir.Bonus).s(" 分按 ").n(b).s(" 分计。").end()
	}
	if d < ir.Deduction {
		w.s("本指标每学期扣分上限 ").n(c.MaxDeduction).s(" 分，扣分 ").n(ir.Deduction).s(" 分按 ").n(d).s(" 分计。").end()
	}
	usable := usableBonus(ir.RatedScore, evidenceSum{bonus: ir.Bonus, deduction: ir.Deduction}, c)
	if usable < b {
		w.s("满分 100 分，本指标最多还能加 ").n(usable).s(" 分，超出的 ").n(round2(b - usable)).s(" 分不计，也不占用加分上限。").end()
	}
	if res.TermFactor < 1 && usable > 0 {
		w.s("本学期各指标实际可加分合计 ").n(res.TermBonus).s(" 分，超过学期上限 ").n(termCap).
			s(" 分，各项加分按 ").n(termCap).s(" ÷ ").n(res.TermBonus).s(" 折算（舍去两位小数以后的部分），本指标加分计 ").n(scaledBonus(usable, res.TermFactor)).s(" 分。").end()
	}
	if len(ir.Evidence) > 0 {
		raw := round2(ir.RatedScore + ir.EvidencePoints)
		w.s("指标得分 = ").n(ir.RatedScore)
		if ir.EvidencePoints < 0 {
			w.s(" − ").n(-ir.EvidencePoints)
		} else {
			w.s(" + ").n(ir.EvidencePoints)
		}
		w.s(" = ").n(raw).s(" 分")
		if raw < 0 {
			w.s("，低于 0 分，按 0 分计")
		}
		w.s("。").end()
	}
}

// explainRoles writes one line per role that rated, the weights (and how
// the weight of a missing role, or of too few peers, was shared), and the
// weighted mean. Too few peers get no number at all: with one or two, it
// would be a classmate's score.
func explainRoles(w *writer, ir *model.IndicatorResult, pl *plan) {
	ratedW, missing, tooFew := explainRoleLines(w, ir, pl)
	if missing == 0 {
		w.s("权重：")
		for k, r := range ir.Roles {
			if k > 0 {
				w.s("、")
			}
			w.s(r.Role.Name()).s(" ").pct(r.Weight)
		}
		w.s("。").end()
	} else {
		explainSharedWeight(w, ir, pl, ratedW, tooFew)
	}
	w.s("评分得分 = (")
	k := 0
	for _, r := range ir.Roles {
		if counted(&r) {
			if k > 0 {
				w.s(" + ")
			}
			w.n(r.Score).s("×").n(r.Weight)
			k++
		}
	}
	w.s(") ÷ ").n(ratedW).s(" = ").n(ir.RatedScore).s(" 分。").end()
}

// explainRoleLines writes the line of each role that rated (and a note
// for too few peers) and returns the weight that rated, how many roles
// did not count, and whether too few peers were among them.
func explainRoleLines(w *writer, ir *model.IndicatorResult, pl *plan) (ratedW float64, missing int, tooFew bool) {
	for _, r := range ir.Roles {
		if r.Method == MethodTooFew {
			w.s(r.Role.Name()).s("不足 ").i(pl.agg.minPeers).s(" 人，不计入，权重按比例分配给其他评价者。").end()
		}
		if !counted(&r) {
			missing++
			tooFew = tooFew || r.Method == MethodTooFew
			continue
		}
		ratedW += r.Weight
		explainRole(w, &r, pl)
	}
	return ratedW, missing, tooFew
}

// explainSharedWeight says which roles did not count and how their weight
// went to the others, with the weights after sharing.
func explainSharedWeight(w *writer, ir *model.IndicatorResult, pl *plan, ratedW float64, tooFew bool) {
	k := 0
	for _, r := range ir.Roles {
		if r.Count == 0 {
			if k > 0 {
				w.s("、")
			}
			w.s(r.Role.Name())
			k++
		}
	}
	if k > 0 {
		w.s("无人评分")
	}
	if tooFew {
		if k > 0 {
			w.s("，")
		}
		w.s(model.RaterPeer.Name()).s("不足 ").i(pl.agg.minPeers).s(" 人")
	}
	w.s("，其权重共 ").pct(100 - ratedW)
	if tooFew {
		w.s(" 按比例分给其他评价者，调整后：")
	} else {
		w.s(" 按比例分给已评分的主体，调整后：")
	}
	k = 0
	for _, r := range ir.Roles {
		if counted(&r) {
			if k > 0 {
				w.s("、")
			}
			w.s(r.Role.Name()).s(" ").pct(r.EffectiveWeight)
			k++
		}
	}
	w.s("。").end()
}

// explainRole writes one role's line: its score, how its ratings were combined and, when the score was corrected for
// the raters' severity, the score before.
func explainRole(w *writer, r *model.RoleResult, pl *plan) {
	w.s(r.Role.Name()).s("：").n(r.Score).s(" 分（").i(r.Count).s(" 人评分")
	switch {
	case r.Count == 1:
	case r.Method == MethodTrimmed:
		w.s("，去掉最高分、最低分各 ").i((r.Count - r.Used) / 2).s(" 个后取平均")
	case r.Method == model.AggMedian && pl.agg.methods[r.Role.Index()] == model.AggRobust:
		w.s("，不足 ").i(pl.agg.trimFrom).s(" 人，取中位数")
	case r.Method == model.AggMedian:
		w.s("，取中位数")
	default:
		w.s("，取平均")
	}
	if r.Adjusted {
		w.s("；按评价者宽严校正，校正前 ").n(r.Raw).s(" 分")
	}
	w.s("）。").end()
}

func explainDimension(w *writer, dr *model.DimensionResult) {
	if !dr.Rated {
		w.s(dr.Name).s("：本维度所有指标均待补评，暂无得分。").end()
		return
	}
	w.s(dr.Name).s("得分 = (")
	var sum float64
	k, unrated := 0, 0
	for _, ir := range dr.Indicators {
		if !ir.Rated {
			unrated++
			continue
		}
		if k > 0 {
			w.s(" + ")
		}
		w.s(ir.Name).s(" ").n(ir.Score).s("×").n(ir.Weight)
		sum += ir.Weight
		k++
	}
	w.s(") ÷ ").n(sum).s(" = ").n(dr.Score).s(" 分。").end()
	if unrated > 0 {
		k = 0
		for _, ir := range dr.Indicators {
			if !ir.Rated {
				if k > 0 {
					w.s("、")
				}
				w.s(ir.Name)
				k++
			}
		}
		w.s(" 待补评，未计入，除数为已计分指标的权重之和 ").n(sum).s("。").end()
	}
}

func explainTotal(w *writer, res *model.StudentResult, pl *plan, notes []levelNote, pooled bool) {
	if res.Incomplete {
		w.s("待补评：").i(len(res.Missing)).s(" 个指标缺少方案要求的评价（每个指标至少 ").i(pl.agg.minOthers).
			s(" 位自评以外的评价者），暂不计算总分、不排名、不评定等级，也不占名额：").end()
		for _, m := range res.Missing {
			w.line(m)
		}
		return
	}
	w.s("总分 = (")
	var sum float64
	k := 0
	for _, dr := range res.Dimensions {
		if k > 0 {
			w.s(" + ")
		}
		w.s(dr.Name).s(" ").n(dr.Score).s("×").n(dr.Weight)
		sum += dr.Weight
		k++
	}
	w.s(") ÷ ").n(sum).s(" = ").n(res.Total).s(" 分。").end()
	w.line("各级得分都由未经四舍五入的分数算出，只在显示时四舍五入到两位小数，因此用显示的数重算可能相差 0.01；等级与排名按显示的总分判定。")
	explainLevel(w, res, pl, notes, pooled)
}

// groupName is the quota group as a student reads it.
func groupName(g model.Grading, pooled bool) string {
	if pooled {
		return "合并计算的小班"
	}
	switch g.QuotaScope {
	case model.QuotaByCycle:
		return "全校"
	case model.QuotaByCohort:
		return "本年级"
	case model.QuotaByMajor:
		return "本专业"
	}
	return "本班"
}

func explainLevel(w *writer, res *model.StudentResult, pl *plan, notes []levelNote, pooled bool) {
	g := pl.f.Grading
	group := groupName(g, pooled)
	if pooled {
		within := "全校"
		switch g.SmallClassScope {
		case model.QuotaByCohort:
			within = "同年级"
		case model.QuotaByMajor:
			within = "同专业"
		}
		w.s("本班人数较少，不足以产生一个名额，按方案与").s(within).s("其他小班合并计算名额和排名（共 ").i(res.GroupSize).s(" 人）。").end()
	}
	ti := thresholdIndex(g, res.Total)
	if t := g.Thresholds[ti]; ti < len(g.Thresholds)-1 {
		w.s("总分 ").n(res.Total).s(" 分，达到").s(string(t.Level)).s("线 ").n(t.Min).s(" 分。").end()
	} else if ti > 0 {
		up := g.Thresholds[ti-1]
		w.s("总分 ").n(res.Total).s(" 分，未达到").s(string(up.Level)).s("线 ").n(up.Min).s(" 分。").end()
	}
	keptOver := false
	for _, nt := range notes {
		from, to := g.Thresholds[nt.from], g.Thresholds[nt.from+1]
		w.s(group).s(string(from.Level)).s("名额为 ").pct(from.MaxPercent).s("，").
			i(res.GroupSize).s(" 人中最多 ").i(nt.limit).s(" 人，达到").s(string(from.Level)).s("的有 ").i(nt.qualified).s(" 人。")
		if nt.kept > 0 {
			keptOver = true
			w.s("你与另外 ").i(nt.tied - 1).s(" 名同学的总分和各维度得分完全相同，同处名额线上；按规则并列者全部评为").s(string(from.Level)).
				s("，不因并列空出名额，名额因此超出 ").i(nt.kept).s(" 人。").end()
		} else {
			w.s("你排第 ").i(res.Rank).s(" 名，超出名额，评为").s(string(to.Level)).s("。").end()
		}
	}
	final := g.Thresholds[thresholdIndexOf(g, res.Level)]
	if final.MaxPercent > 0 && !keptOver {
		w.s(group).s(string(final.Level)).s("名额为 ").pct(final.MaxPercent).s("，").
			i(res.GroupSize).s(" 人中最多 ").i(QuotaLimit(res.GroupSize, final.MaxPercent)).s(" 人，你排第 ").i(res.Rank).s(" 名，在名额内。").end()
	}
	if len(notes) > 0 || final.MaxPercent > 0 {
		// The ranking rule in full, so that a student who finds a classmate
		// with the same total knows why they rank differently.
		w.s("排名规则：先比总分，总分相同再依次比较")
		for di, d := range pl.dims {
			if di > 0 {
				w.s("、")
			}
			w.s(d.dim.Name)
		}
		w.s("得分；仍完全相同者名次并列。").end()
	}
	w.s("等级：").s(string(res.Level)).s("（").s(res.Level.Code()).s("）。").end()
}

func thresholdIndexOf(g model.Grading, l model.Level) int {
	for i, t := range g.Thresholds {
		if t.Level == l {
			return i
		}
	}
	return len(g.Thresholds) - 1
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
