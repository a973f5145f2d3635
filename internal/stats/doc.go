// Package stats holds the statistics of rater fairness (评分者信度与评分偏差): Krippendorff's alpha, the intraclass
// correlations of Shrout & Fleiss, robust means, and the flags a teacher's view shows about raters.
//
// The package is pure: plain Go values in, plain values out, standard library only. It knows nothing of schools,
// storage or HTTP, so it is tested with tables against published worked examples and benchmarked alone.
//
// One convention runs through it: math.NaN() marks a missing value. Alpha drops it from its unit, the robust means
// skip it, and the rater flags skip a rating whose value is not finite.
package stats
