package evalrun

import (
	"math"
	"strconv"
)

// round2 and num follow the engine's rounding (half away from zero, two
// decimals) and display (no trailing zeros).
func round2(x float64) float64 {
	if x < 0 {
		return -round2(-x)
	}
	return math.Floor(x*100+0.5+1e-9) / 100
}

func num(x float64) string { return strconv.FormatFloat(round2(x), 'f', -1, 64) }
