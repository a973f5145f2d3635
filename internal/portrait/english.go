package portrait

import (
	"fmt"
	"regexp"
	"strings"
)

// English renders the text this package (and model.Term.Name) builds from
// numbers in English: KPI headlines ("市级以上 97 项，其中国家级一等奖 3 项"),
// counts with units ("30,675 人次"), ratios ("90.0%（180/200）"), school
// years and terms ("2025-2026学年第一学期") and periods ("… 至 …"). It is the
// closed set of shapes produced here, each with its English form; any other
// text comes back unchanged (names are data).
func English(s string) string {
	for _, p := range valuePatterns {
		if m := p.re.FindStringSubmatch(s); m != nil {
			return p.en(m)
		}
	}
	return s
}

type valuePattern struct {
	re *regexp.Regexp
	en func(m []string) string
}

var unitsEN = map[string]string{"人次": "person-times", "项": "", "人": "people", "名": "people"}

var levelsEN = map[string]string{"国家级": "national", "省级": "provincial", "市级": "city", "地市级": "prefecture", "区县级": "county", "校级": "school"}

var termsEN = map[string]string{"一": "1", "二": "2"}

var valuePatterns = []valuePattern{
	{regexp.MustCompile(`^(国家级|省级|市级|地市级)以上 ([\d,]+) 项(?:，其中(.+))?$`), func(m []string) string {
		s := fmt.Sprintf("%s at %s level or above", m[2], levelsEN[m[1]])
		if m[3] == "" {
			return s
		}
		var parts []string
		for _, p := range strings.Split(m[3], "、") {
			if pm := prizeRE.FindStringSubmatch(p); pm != nil {
				parts = append(parts, fmt.Sprintf("%s %s first prizes", pm[2], levelsEN[pm[1]]))
			}
		}
		return s + ", including " + strings.Join(parts, ", ")
	}},
	{regexp.MustCompile(`^([\d.]+%)（(\d+)/(\d+)）$`), func(m []string) string { return fmt.Sprintf("%s (%s/%s)", m[1], m[2], m[3]) }},
	{regexp.MustCompile(`^([\d,]+) (人次|项|人|名)$`), func(m []string) string {
		if u := unitsEN[m[2]]; u != "" {
			return m[1] + " " + u
		}
		return m[1]
	}},
	{regexp.MustCompile(`^(\d{4}-\d{4})学年$`), func(m []string) string { return "School year " + m[1] }},
	{regexp.MustCompile(`^(\d{4}-\d{4})学年第(一|二)学期(.*)$`), func(m []string) string {
		return m[1] + " term " + termsEN[m[2]] + m[3]
	}},
	{regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}) 至 (\d{4}-\d{2}-\d{2})$`), func(m []string) string { return m[1] + " to " + m[2] }},
}

var prizeRE = regexp.MustCompile(`^(国家级|省级|市级|地市级)一等奖 ([\d,]+) 项$`)
