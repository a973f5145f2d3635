// Package eval is the evaluation engine of Zhijiao: frameworks, who rates
// whom, aggregation, evidence points, levels and the Chinese explanations.
// It is pure: plain values in, plain values out. It imports only the
// standard library and internal/model, so it is tested with tables and
// benchmarked alone.
//
// # The rules, in one place
//
// Weights are percentages. The dimension weights of a framework sum to
// 100; the indicator weights inside a dimension sum to 100; the role
// weights of an indicator sum to 100. Validate accepts a sum within 0.001
// of 100 and refuses anything else with a Chinese message.
//
// Scales. Every rating becomes points on 0–100 before anything else:
// 百分制 as given, 五分制 value × 20 (so 1–5 become 20–100), 等级制 the
// points the framework gives the level (default 优秀 95, 良好 85, 合格 70,
// 待合格 50).
//
// One role on one indicator. If a rater corrected a rating, the row with
// the highest ID counts. Several ratings of one role are combined by the
// role's method: mean (the default for every role but peers), median, or
// robust (the default for peers): with at least TrimFrom ratings (default
// 5) drop TrimPercent (default 20%) of the ratings at EACH end, rounded
// down but at least one, and average the rest — 去掉最高分、最低分 as
// schools already do; with fewer ratings take the median, because with 3
// or 4 peers one outlier would otherwise move the mean a lot.
//
// Too few peers. Peers with fewer than MinPeers ratings (default 3) on an
// indicator do not count at all, exactly as if no peer had rated: their
// weight goes to the other roles in proportion, and the result keeps only
// how many peers rated (method "too_few", no score), so that no student
// ever reads one classmate's score in an explanation ("互评不足 3 人，不计
// 入，权重按比例分配给其他评价者"). Peers alone, too few, leave the
// indicator unrated.
//
// One indicator. The rated score is the weighted mean of the roles that
// rated, each role's weight divided by the sum of the weights of the roles
// that did rate: a role with no ratings gives its weight to the others in
// proportion to their weights (so the relative weight of any two roles
// never changes). The explanation shows both the configured and the
// effective weights. An indicator no role rated is "未评": it is left out
// of its dimension the same way, its evidence is listed but not counted
// (points need a rated score to add to), and the result is marked
// incomplete so the school can chase the missing ratings before 公示.
//
// Evidence. Only verified records of the cycle's term count. For each
// record and each indicator, the most specific matching rule applies (the
// rule that fixes the most of Category, Level, Prize, Team; ties go to the
// earlier rule in the table). Points are score points on the 0–100 scale
// of the indicator. Per indicator, bonuses are summed and cut to the cap's
// MaxBonus, deductions summed and cut to MaxDeduction. If a student's
// bonuses over all indicators exceed the term cap, every indicator's bonus
// is scaled by the same factor (cap ÷ sum), so no indicator's order
// matters. The score is rated score + bonus − deduction, then clamped to
// 0–100: a score never exceeds the scale maximum.
//
// Dimension and total. A dimension's score is the weighted mean of its
// rated indicators, a total the weighted mean of the rated dimensions,
// redistributing weights as for roles.
//
// Rounding. Every shown number (role score, indicator, dimension, total)
// is rounded to two decimals, and the next level up is computed from the
// rounded numbers, so a student can redo each step with the numbers they
// see. Thresholds and ranks use the rounded total.
//
// Levels. A total gets the first level whose Min it reaches (default 优秀
// ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 待合格). A level with MaxPercent is a
// quota inside a group (a class by default): at most floor(n × MaxPercent
// ÷ 100) students, n the rated students of the group. Students are ranked
// by total, then by the dimension scores in framework order (德 before
// 智 …); students equal on all of these are tied. Going down the levels,
// if more students qualify than the quota allows, the best ranked keep the
// level; a tie group that straddles the cut moves down as a whole (giving
// all of them the higher level would break the quota, and choosing among
// equals would not be fair). Students moved down get the next lower level,
// whose own quota then applies to them too.
//
// Bad rows. A rating for a student outside the cycle, an unknown
// indicator, a role the indicator does not have, a value off the scale, a
// peer rating themself or a "self" rating by someone else is left out and
// reported in Outcome.Ignored with a Chinese reason; so is a rule whose
// indicator is not in the pinned framework. Compute fails only on an
// invalid framework.
//
// Determinism. Compute depends only on its input values, not on their
// order, maps, time or the number of processors: ratings are grouped by
// counting sort, corrections resolved by ID, the values of one role summed
// in ascending order, and students split over processors only where each
// student's result depends on that student alone. The same input gives
// byte-identical output (tested with shuffled input and with 1 and 4
// processors).
//
// Speed. A school term — 3,000 students × 40 indicators × 10 ratings — is
// grouped in two passes over the ratings with no map in the inner loop;
// see bench_test.go. Input ordered by student and indicator is a little
// faster, as it makes the grouping writes sequential.
package eval
