package eval

import (
	"math"
	"strconv"
)

// round2 rounds half away from zero to two decimals. The tiny nudge makes
// values such as 2.675, stored as 2.67499999…, round the way a person
// computing by hand expects.
func round2(x float64) float64 {
	if x < 0 {
		return -round2(-x)
	}
	return math.Floor(x*100+0.5+1e-9) / 100
}

// floor2 rounds down to two decimals (for non-negative x), with the same
// nudge as round2 so that 3.33 stored as 3.32999… stays 3.33.
func floor2(x float64) float64 {
	return math.Floor(x*100+1e-6) / 100
}

// Round2 is the engine's rounding, for callers that change a score after
// the engine (appeal corrections).
func Round2(x float64) float64 { return round2(x) }

// Num formats a number as the engine's explanations do.
func Num(x float64) string { return num(x) }

// num formats a number the way it is shown to people: at most two
// decimals, no trailing zeros ("86.5", "90", "85.33").
func num(x float64) string {
	return string(appendNum(nil, x))
}

// appendNum is num without allocating. It works in whole hundredths
// because strconv's shortest float formatting was the slowest part of
// writing a school's explanations.
func appendNum(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) >= 1e15 {
		return strconv.AppendFloat(b, x, 'f', -1, 64)
	}
	c := int64(math.Floor(math.Abs(x)*100 + 0.5 + 1e-9))
	if c == 0 {
		return append(b, '0')
	}
	if x < 0 {
		b = append(b, '-')
	}
	b = strconv.AppendInt(b, c/100, 10)
	switch f := c % 100; {
	case f == 0:
	case f%10 == 0:
		b = append(b, '.', byte('0'+f/10))
	default:
		b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return b
}
