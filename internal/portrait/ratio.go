package portrait

import (
	"fmt"
	"strconv"
)

// NoData is how a rate without a denominator reads.
const NoData = "无数据"

// Ratio is a rate kept as its two counts, so the page can show both the
// percentage and what it is made of ("90.0%（180/200）").
type Ratio struct {
	Num int `json:"num"`
	Den int `json:"den"`
}

// Value returns the rate in 0..1 and whether it exists.
func (r Ratio) Value() (float64, bool) {
	if r.Den <= 0 {
		return 0, false
	}
	return float64(r.Num) / float64(r.Den), true
}

// Percent renders the rate with one decimal, or 无数据.
func (r Ratio) Percent() string {
	v, ok := r.Value()
	if !ok {
		return NoData
	}
	return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
}

// String is "90.0%（180/200）" or 无数据.
func (r Ratio) String() string {
	if r.Den <= 0 {
		return NoData
	}
	return fmt.Sprintf("%s（%d/%d）", r.Percent(), r.Num, r.Den)
}
