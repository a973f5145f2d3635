package research

import (
	"strings"
	"unicode"
)

// SimilarThreshold is the title similarity from which two outputs of the
// same kind are taken for one: 0.8 catches a title retyped with another
// punctuation, a subtitle dropped or a word changed in twenty, and lets
// two papers of one series ("…（一）" and "…（二）" of a long title aside)
// through.
const SimilarThreshold = 0.8

// NormTitle is a title as it is compared: letters and digits only,
// half-width and lower-case, so "基于“岗课赛证”的 教学改革" and
// "基于岗课赛证的教学改革" are the same.
func NormTitle(s string) string {
	var b strings.Builder
	for _, r := range halfWidth(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Similarity is the Dice coefficient of the two titles' character
// bigrams after NormTitle: twice the shared bigrams over all bigrams,
// 1 for the same title and 0 for titles without a pair in common.
// Bigrams suit Chinese, where a word is two or three characters.
func Similarity(a, b string) float64 {
	x, y := bigrams(NormTitle(a)), bigrams(NormTitle(b))
	if len(x) == 0 || len(y) == 0 {
		if NormTitle(a) == NormTitle(b) && NormTitle(a) != "" {
			return 1
		}
		return 0
	}
	count := map[string]int{}
	for _, g := range x {
		count[g]++
	}
	shared := 0
	for _, g := range y {
		if count[g] > 0 {
			count[g]--
			shared++
		}
	}
	return 2 * float64(shared) / float64(len(x)+len(y))
}

// Similar reports whether two titles are taken for the same output.
func Similar(a, b string) bool { return Similarity(a, b) >= SimilarThreshold }

func bigrams(s string) []string {
	r := []rune(s)
	if len(r) < 2 {
		return nil
	}
	out := make([]string, len(r)-1)
	for i := range out {
		out[i] = string(r[i : i+2])
	}
	return out
}
