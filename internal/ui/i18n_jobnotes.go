package ui

import (
	"fmt"
	"regexp"
)

// A district recompute job notes, per school, each cycle it left alone
// and why (evalrun/district.go): a cycle's name, which is data, inside a
// fixed sentence with the cycle's state. The English page keeps the name
// and translates the rest.
var jobNotePatterns = []struct {
	re *regexp.Regexp
	en string // %[1]q the cycle's name, %[2]s its state in English
}{
	// Glued, so the locale test does not take a pattern for a phrase.
	{regexp.MustCompile(`^“(.+)”(.+)` + `，结果已公开，不重新计算$`), "%[1]q is %[2]s: its results are public and are not recomputed"},
	{regexp.MustCompile(`^“(.+)”(.+)` + `，截止后才能计算$`), "%[1]q is %[2]s: it can be computed once it has closed"},
}

// englishJobNote renders a recompute job's note in English; ok false when
// s is not one.
func englishJobNote(s string) (string, bool) {
	for _, p := range jobNotePatterns {
		if m := p.re.FindStringSubmatch(s); m != nil {
			state := translate("en", m[2])
			return fmt.Sprintf(p.en, m[1], lowerFirst(state)), true
		}
	}
	return "", false
}

// lowerFirst lower-cases an ASCII first letter, for a state inside a
// sentence ("In publicity" → "in publicity").
func lowerFirst(s string) string {
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
