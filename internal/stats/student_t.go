package stats

import "math"

// t995 are the 99.5th percentiles of Student's t for 1 to 30 degrees of freedom, from the published tables.
var t995 = [...]float64{63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.250, 3.169, 3.106, 3.055, 3.012,
	2.977, 2.947, 2.921, 2.898, 2.878, 2.861, 2.845, 2.831, 2.819, 2.807, 2.797, 2.787, 2.779, 2.771, 2.763, 2.756, 2.750}

// studentT995 is the two-sided 1 % critical value of Student's t: the table up to 30 degrees of freedom, the
// Cornish–Fisher expansion beyond (within 0.001 of the tables there).
func studentT995(df int) float64 {
	const z = 2.5758293035489 // the normal's 99.5th percentile
	switch {
	case df <= 0:
		return math.Inf(1)
	case df <= len(t995):
		return t995[df-1]
	}
	n := float64(df)
	z3, z5, z7 := z*z*z, math.Pow(z, 5), math.Pow(z, 7)
	return z + (z3+z)/(4*n) + (5*z5+16*z3+3*z)/(96*n*n) + (3*z7+19*z5+17*z3-15*z)/(384*n*n*n)
}
