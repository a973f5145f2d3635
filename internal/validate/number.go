package validate

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// ErrNumber is what Number answers for anything that is not a finite
// decimal number.
var ErrNumber = errors.New("应为数字")

// Number parses a number a person typed or a client sent. It is the one
// parser for forms, the API and imports: strconv.ParseFloat alone accepts
// "NaN", "Inf" and "0x1p3", and NaN slips through range checks written as
// f < lo || f > hi (every comparison with NaN is false). Stored, it broke
// every recompute of its cycle. Only plain decimals pass: digits with an
// optional sign, point and exponent.
func Number(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789+-.eE", r) }) {
		return 0, ErrNumber
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !Finite(f) {
		return 0, ErrNumber
	}
	return f, nil
}

// Finite reports whether f is neither NaN nor ±Inf: the check for numbers
// that arrive already parsed (JSON, spreadsheet cells).
func Finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
