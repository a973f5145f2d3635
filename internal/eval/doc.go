// Package eval is the evaluation engine of Zhijiao: frameworks, who rates
// whom, aggregation, evidence points, levels and the Chinese explanations.
// It is pure: plain values in, plain values out. It imports only the
// standard library, internal/model and internal/conduct (pure: the habit
// categories a behaviour rule must name), so it is tested with tables and
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
// how many peers rated (method "too_few", no score), so that (with
// MinPeers of 2 or more) no student reads one classmate's score in an
// explanation ("互评不足 3 人，不计入，权重按比例分配给其他评价者").
//
// 待补评. An indicator counts only with at least MinOthers raters (default
// 1) other than the student themself: peers count when they reach
// MinPeers, every other rater counts one; and with every role that
// Aggregation.RequiredRoles names for it. Short of that, the indicator
// does not count at all (not even the self-rating), IndicatorResult.
// Missing says why ("J01 遵纪守法：缺自评以外的评价（至少 1 位）"), and the
// student is Incomplete: no total (0, never shown), no rank, no score
// level, no level, not counted in any quota group; Missing lists the
// lines. Recombine decides this from the indicators alone, so an appeal
// correction reruns the same rule.
//
// One indicator. The rated score is the weighted mean of the roles that
// rated, each role's weight divided by the sum of the weights of the roles
// that did rate: a role with no ratings gives its weight to the others in
// proportion to their weights (so the relative weight of any two roles
// never changes). The explanation shows both the configured and the
// effective weights. An indicator that does not count is left out of its
// dimension the same way, and its evidence is listed but not counted
// (points need a rated score to add to).
//
// Evidence. Only verified records of the cycle's term count. For each
// record and each indicator, the most specific matching rule applies (the
// rule that fixes the most of Category, Level, Prize, Team; ties go to the
// earlier rule in the table). Points are score points on the 0–100 scale
// of the indicator. Caps bound what is actually added: per indicator,
// bonuses are summed and cut to the cap's MaxBonus, deductions to
// MaxDeduction; the bonus is then cut to the room below 100 (so a bonus
// the ceiling would cut off uses up neither cap); if the usable bonuses
// over all indicators exceed the term cap, each is scaled by the same
// factor (cap ÷ sum) and rounded down to the hundredth, so the added
// bonuses never sum above the cap and no indicator's order matters. The
// score is rated score + added bonus − deduction, at least 0.
//
// Dimension and total. A dimension's score is the weighted mean of its
// rated indicators, a total the weighted mean of the rated dimensions,
// redistributing weights as for roles.
//
// Rounding. Everything is computed at full precision and rounded once,
// to two decimals, for display and storage: role scores enter the rated
// score unrounded, the total is the weighted mean of the unrounded
// dimension means. The indicator score (rated score + evidence, both
// shown) is the unit dimensions are built from. Thresholds and ranks use
// the total as stored and shown, so a level is decided on the number the
// student sees; redoing a step with the shown numbers lands within 0.01.
//
// Levels. A total gets the first level whose Min it reaches (default 优秀
// ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 待合格). A level with MaxPercent is a
// quota inside a group: at most floor(n × MaxPercent ÷ 100) students, n
// the complete students of the group. The group is the class (default),
// the cohort, the major or the whole cycle (Grading.QuotaScope); with
// quotas by class, Grading.SmallClassScope pools the classes too small
// for one place of a quota with the other such classes of their cohort
// (major, cycle). Students are ranked by total, then by the dimension
// scores in framework order (德 before 智 …); students equal on all of
// these are tied. Going down the levels, if more students qualify than the
// quota allows, the best ranked keep the level; a tie group that straddles
// the cut keeps the level as a whole (the quota is then exceeded by fewer
// than the tie's size; no place is left empty because of a tie, and no one
// is chosen among equals). Students moved down get the next lower level,
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
