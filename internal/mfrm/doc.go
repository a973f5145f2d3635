// Package mfrm fits a many-facet Rasch model (多面 Rasch 模型) to ratings of students by raters on indicators, so
// that a student's score need not depend on which raters the rotation happened to give them.
//
// The model is Linacre's rating-scale form of the many-facet model:
//
//	log( P(X = k) / P(X = k−1) ) = θ_n − δ_i − α_j − τ_k,   k = 1..m
//
// with θ_n the student's measure, δ_i the indicator's difficulty, α_j the rater's severity (positive = severe), and
// τ_k the Andrich thresholds shared by all indicators (Σ τ_k = 0). The scale's categories are the distinct scores
// observed, in increasing order; a score nobody gave is not a category (collapsed), so every threshold is estimable.
// The origin is fixed by mean δ = 0 and mean α = 0, so a severity of +0.5 means half a logit more severe than the
// average rater, and a student measure is what the student would get from an average rater on an average indicator.
//
// Estimation is joint maximum likelihood (JMLE): every facet element's parameter is moved by a Newton step on its own
// likelihood equation (observed score = expected score) until no step exceeds the tolerance. JMLE needs no
// distributional assumption about students and is fast on the sparse designs a school has (each student rated by a
// few peers and teachers). Its known bias — measures spread slightly too wide, because every student's measure is
// itself estimated from a few dozen ratings — is not corrected, and is measured instead: in the simulated school
// design the slope of estimate on truth is 1.02–1.10 (docs/evaluation.md), a few hundredths of a logit for a typical
// severity, below the standard errors of the peers and students it concerns. No single correction factor fits every
// facet of a sparse many-facet design, and a wrong one would be worse than a measured, documented spread.
//
// Extreme scores: see classify (facet.go). Elements with an extreme score are marked Extreme; their measure is an
// adjusted estimate, not a maximum-likelihood one.
//
// Standard errors are model standard errors, 1/√(Σ information). Fit is reported as the infit (information-weighted)
// and outfit (unweighted) mean squares of the standardised residuals; both expect 1, and values far above 1 (over
// 1.5, say) mark a rater whose ratings are more erratic than the model expects.
//
// A design must be connected: if the students, raters and indicators fall into groups that never meet, severity in
// one group cannot be told apart from ability in another, and Fit returns a *DisconnectedError naming the subsets
// instead of numbers. The check looks at the three pairings (student–rater, student–indicator, rater–indicator).
package mfrm
