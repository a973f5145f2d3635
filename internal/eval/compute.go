package eval

import (
	"cmp"
	"slices"
	"strconv"

	"zhijiao/internal/model"
)

// Student is one student of a cycle as Compute needs it: the class,
// cohort and major name the groups for quotas and ranks.
type Student struct {
	ID       int64
	ClassID  int64
	CohortID int64 // 年级: quota groups by cohort, and small classes pooled by cohort
	MajorID  int64 // 专业: the same by major
}

// Input is everything a cycle's results are computed from. Ratings and
// evidence may come in any order; Compute groups them itself.
type Input struct {
	Framework model.Framework // the version the cycle pins
	Students  []Student       // who gets a result; ratings of anyone else are ignored
	Ratings   []model.Rating
	Sheets    []Sheet // ratings packed per rater and student; counted with Ratings
	Evidence  []model.Evidence
	Policy    model.EvidencePolicy
}

// Options narrow what counts and what is produced.
type Options struct {
	CycleID          int64 // when non-zero, ratings of other cycles are ignored; copied into results
	TermID           int64 // when non-zero, evidence of other terms does not count
	SkipExplanations bool  // leave Explanation lines empty (numbers only) for bulk work
	// Adjust adds points to role scores after a role's ratings are aggregated and before the roles are combined:
	// the severity correction of the roles a framework names in Aggregation.FairRoles, computed by evalrun. The
	// score before is kept in RoleResult.Raw. Nil: no role score is touched.
	Adjust map[RoleKey]float64
}

// Ignored is an input row that did not count, and why (in Chinese).
type Ignored struct {
	What   string `json:"what"` // rating / rule
	ID     int64  `json:"id"`
	Reason string `json:"reason"`
}

// maxIgnoredListed bounds Outcome.Ignored: when a whole import is wrong,
// the first hundred reasons say enough and the rest is a count.
const maxIgnoredListed = 100

// Outcome is the result of Compute.
type Outcome struct {
	Results      []model.StudentResult `json:"results"` // one per student, by student ID
	Ignored      []Ignored             `json:"ignored,omitempty"`
	IgnoredCount int                   `json:"ignored_count"`
}

// Compute turns a cycle's ratings and evidence into results with
// explanations, by the rules in the package doc. It refuses an invalid
// framework; rows that do not fit (unknown student or indicator, a role
// that does not rate the indicator, a value off the scale, a peer rating
// themself) are left out and listed in Outcome.Ignored.
func Compute(in Input, opt Options) (Outcome, error) {
	if err := Validate(in.Framework); err != nil {
		return Outcome{}, err
	}
	f := in.Framework
	pl := newPlan(&f)
	var out Outcome
	ignore := func(what string, id int64, reason string) {
		out.IgnoredCount++
		if len(out.Ignored) < maxIgnoredListed {
			out.Ignored = append(out.Ignored, Ignored{What: what, ID: id, Reason: reason})
		}
	}

	students := slices.Clone(in.Students)
	slices.SortFunc(students, func(a, b Student) int { return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.ClassID, b.ClassID)) })
	students = slices.CompactFunc(students, func(a, b Student) bool { return a.ID == b.ID })
	stIndex := make(map[int64]int32, len(students))
	for i, s := range students {
		stIndex[s.ID] = int32(i)
	}

	nS, nI := len(students), len(pl.inds)
	start, entries := groupRatings(in.Ratings, in.Sheets, pl, stIndex, opt.CycleID, ignore)
	evStart, evOrder := groupEvidence(in.Evidence, stIndex)
	rb := newRuleBook(in.Policy, pl, ignore)

	// One allocation per kind of result for the whole school: the slices
	// inside each StudentResult are windows onto these, cut with a full
	// slice expression so that a caller's append copies instead of
	// overwriting the next student.
	results := make([]model.StudentResult, nS)
	dimSlab := make([]model.DimensionResult, nS*len(pl.dims))
	indSlab := make([]model.IndicatorResult, nS*nI)
	roleSlab := make([]model.RoleResult, nS*pl.roleSlot)
	// Students are independent of each other until levels, so the work is
	// split over the processors, each with its own scratch space. Every
	// student's numbers and lines depend only on that student's input, so
	// the split never changes the output.
	parallel(nS, func(lo, hi int) {
		sums := make([]evidenceSum, nI)
		best := make([]int, nI)
		scratch := make([]float64, 0, 64)
		for s := lo; s < hi; s++ {
			res := &results[s]
			st := &students[s]
			res.CycleID, res.StudentID, res.ClassID, res.CohortID, res.MajorID = opt.CycleID, st.ID, st.ClassID, st.CohortID, st.MajorID
			irs := indSlab[s*nI : (s+1)*nI : (s+1)*nI]
			rrs := roleSlab[s*pl.roleSlot : (s+1)*pl.roleSlot : (s+1)*pl.roleSlot]
			for ii := range pl.inds {
				ip := &pl.inds[ii]
				key := s*nI + ii
				scratch = rateIndicator(pl, ip, entries[start[key]:start[key+1]], &irs[ii], rrs[ip.roleBase:ip.roleBase+len(ip.roles):ip.roleBase+len(ip.roles)], scratch, roleAdjust{opt.Adjust, st.ID})
			}
			clear(sums)
			for _, ei := range evOrder[evStart[s]:evStart[s+1]] {
				if e := &in.Evidence[ei]; counts(e, opt.TermID) {
					rb.apply(e, sums, best)
				}
			}
			addEvidence(res, irs, sums, &rb)
			nD := len(pl.dims)
			combine(res, pl, dimSlab[s*nD:(s+1)*nD:(s+1)*nD], irs)
		}
	})

	notes, pooled := assignLevels(results, pl)
	if !opt.SkipExplanations {
		parallel(nS, func(lo, hi int) {
			w := &writer{buf: make([]byte, 0, 64<<10)}
			for s := lo; s < hi; s++ {
				explainStudent(w, &results[s], pl, &rb, notes[s], pooled[s])
			}
		})
	}
	out.Results = results
	return out, nil
}

// rateIndicator aggregates one student's ratings on one indicator. The
// bucket is reordered in place (role, rater, newest first) so that a
// corrected rating replaces the old one and sums run in a fixed order.
// Role scores enter the weighted mean at full precision and are rounded
// once, for display; the rated score is that mean rounded once. An
// indicator without the framework's minimum of raters other than the
// student (MinOthers, peers only when they reach MinPeers) does not count:
// Rated stays false and Missing says what is missing.
func rateIndicator(pl *plan, ip *indPlan, bucket []entry, ir *model.IndicatorResult, rr []model.RoleResult, scratch []float64, adj roleAdjust) []float64 {
	ir.Code, ir.Name, ir.Weight = ip.ind.Code, ip.ind.Name, ip.ind.Weight
	ir.Roles = rr
	for k, ri := range ip.roles {
		rr[k] = model.RoleResult{Role: model.RaterRoles[ri], Weight: ip.roleW[ri]}
	}
	sortEntries(bucket)
	var sumW, sumWS float64
	others, peersTooFew, self := 0, 0, false
	for j := 0; j < len(bucket); {
		role := bucket[j].role
		vals := scratch[:0]
		for j < len(bucket) && bucket[j].role == role {
			rater := bucket[j].rater
			vals = append(vals, bucket[j].pts)
			for j++; j < len(bucket) && bucket[j].role == role && bucket[j].rater == rater; j++ {
			}
		}
		scratch = vals
		r := &rr[slices.Index(ip.roles, role)]
		if !pl.agg.counts(int(role), len(vals)) {
			// Too few peers: not aggregated at all, so the result holds no
			// number a classmate's score could be read from.
			r.Count, r.Method = len(vals), MethodTooFew
			peersTooFew = len(vals)
			continue
		}
		sortFloats(vals)
		score, used, method := pl.agg.aggregate(vals, int(role))
		if fair, ok := adj.apply(ip.ind.Code, r.Role, score); ok {
			r.Adjusted, r.Raw, score = true, round2(score), fair
		}
		r.Count, r.Used, r.Method, r.Score = len(vals), used, method, round2(score)
		sumW += r.Weight
		sumWS += r.Weight * score
		if int(role) == selfIndex {
			self = true
		} else {
			others += len(vals)
		}
	}
	lacking := lackingRoles(ip, rr)
	if others < pl.agg.minOthers || len(lacking) > 0 {
		ir.Missing = missingLine(ip.ind, pl.agg, others, self, peersTooFew, lacking)
		return scratch
	}
	ir.Rated = true
	ir.RatedScore = round2(sumWS / sumW)
	for k := range rr {
		if counted(&rr[k]) {
			rr[k].EffectiveWeight = round2(rr[k].Weight * 100 / sumW)
		}
	}
	return scratch
}

// missingLine says what an indicator lacks, in the words of a 待补评 list:
// "J01 遵纪守法：缺自评以外的评价（至少 1 位）".
func missingLine(ind *model.Indicator, agg aggSettings, others int, self bool, peersTooFew int, lacking []string) string {
	b := make([]byte, 0, 96)
	b = append(b, ind.Code...)
	b = append(b, ' ')
	b = append(b, ind.Name...)
	if others >= agg.minOthers {
		// Enough raters, but a role the framework requires is missing.
		return string(appendLacking(append(b, "："...), lacking))
	}
	if others == 0 && !self && peersTooFew == 0 {
		b = append(b, "：尚无评价（需至少 "...)
		b = strconv.AppendInt(b, int64(agg.minOthers), 10)
		return string(append(b, " 位自评以外的评价者）"...))
	}
	b = append(b, "：缺自评以外的评价（至少 "...)
	b = strconv.AppendInt(b, int64(agg.minOthers), 10)
	b = append(b, " 位"...)
	if others > 0 {
		b = append(b, "，现有 "...)
		b = strconv.AppendInt(b, int64(others), 10)
		b = append(b, " 位"...)
	}
	b = append(b, "）"...)
	if len(lacking) > 0 {
		b = appendLacking(append(b, "；"...), lacking)
	}
	if peersTooFew > 0 {
		b = append(b, "；互评 "...)
		b = strconv.AppendInt(b, int64(peersTooFew), 10)
		b = append(b, " 人，不足 "...)
		b = strconv.AppendInt(b, int64(agg.minPeers), 10)
		b = append(b, " 人不计入"...)
	}
	return string(b)
}

// appendLacking writes "缺班主任评、企业导师评（方案要求）".
func appendLacking(b []byte, lacking []string) []byte {
	b = append(b, "缺"...)
	for k, name := range lacking {
		if k > 0 {
			b = append(b, "、"...)
		}
		b = append(b, name...)
	}
	return append(b, "（方案要求）"...)
}

// lackingRoles names the required roles of an indicator whose ratings do
// not count (nobody rated, or too few peers); nil when none is lacking.
func lackingRoles(ip *indPlan, rr []model.RoleResult) []string {
	var out []string
	for _, ri := range ip.required {
		if r := &rr[slices.Index(ip.roles, ri)]; !counted(r) {
			out = append(out, r.Role.Name())
		}
	}
	return out
}

// counted says whether a role's ratings entered the indicator score.
func counted(r *model.RoleResult) bool { return r.Count > 0 && r.Method != MethodTooFew }

// combine fills the dimensions from the plan and computes their scores
// and the total from the indicator scores.
func combine(res *model.StudentResult, pl *plan, drs []model.DimensionResult, irs []model.IndicatorResult) {
	for di := range pl.dims {
		dp := &pl.dims[di]
		dr := &drs[di]
		dr.Code, dr.Name, dr.Weight = dp.dim.Code, dp.dim.Name, dp.dim.Weight
		dr.Indicators = irs[dp.first:dp.last:dp.last]
	}
	res.Dimensions = drs
	Recombine(res)
}

// Recombine computes a student's dimension scores and total from the
// indicator scores, redistributing the weight of whatever does not count,
// and decides 待补评: the engine's last step, and what an appeal
// correction (evalrun) redoes after changing an indicator score. A
// dimension is the weighted mean of its counting indicators' scores; the
// total the weighted mean of the dimensions at full precision; each is
// rounded once, to two decimals, for display. A student with any
// indicator that does not count is Incomplete: Missing lists those
// indicators and the total stays 0 (no number is shown for it).
func Recombine(res *model.StudentResult) {
	res.Incomplete, res.Missing = false, nil
	var totW, totWS float64
	for di := range res.Dimensions {
		dr := &res.Dimensions[di]
		dr.Rated, dr.Score, dr.EffectiveWeight = false, 0, 0
		var w, ws float64
		for ii := range dr.Indicators {
			ir := &dr.Indicators[ii]
			if !ir.Rated {
				res.Incomplete = true
				line := ir.Missing
				if line == "" { // results stored before the rule said why
					line = ir.Code + " " + ir.Name + "：尚无评价"
				}
				res.Missing = append(res.Missing, line)
				continue
			}
			w += ir.Weight
			ws += ir.Weight * ir.Score
		}
		if w > 0 {
			full := ws / w
			dr.Rated = true
			dr.Score = round2(full)
			for ii := range dr.Indicators {
				if ir := &dr.Indicators[ii]; ir.Rated {
					ir.EffectiveWeight = round2(ir.Weight * 100 / w)
				}
			}
			totW += dr.Weight
			totWS += dr.Weight * full
		}
	}
	res.Complete = !res.Incomplete
	res.Rated, res.Total = totW > 0, 0
	if totW > 0 {
		for di := range res.Dimensions {
			if dr := &res.Dimensions[di]; dr.Rated {
				dr.EffectiveWeight = round2(dr.Weight * 100 / totW)
			}
		}
	}
	if res.Rated && !res.Incomplete {
		res.Total = round2(totWS / totW)
	}
}
