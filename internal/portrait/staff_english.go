package portrait

import (
	"fmt"
	"regexp"
	"strings"
)

// The English forms of the 师资 block's values (see English): average
// hours, studios by level and the awards headline with its credits.

var staffLevelsEN = map[string]string{"区级": "district"}

func init() {
	for k, v := range staffLevelsEN {
		researchLevelsEN[k] = v
	}
	valuePatterns = append([]valuePattern{
		{regexp.MustCompile(`^([\d.,]+) 学时（合计 ([\d.,]+) 学时 ÷ ([\d,]+) 人）$`), func(m []string) string {
			return m[1] + " hours (" + m[2] + " hours ÷ " + m[3] + " teachers)"
		}},
		{regexp.MustCompile(`^([\d,]+) 个(?:（(.+)）)?$`), func(m []string) string {
			if m[2] == "" {
				return m[1]
			}
			var parts []string
			for _, p := range strings.Split(m[2], "、") {
				name, n, _ := strings.Cut(p, " ")
				parts = append(parts, levelEN(name)+" "+n)
			}
			return m[1] + " (" + strings.Join(parts, ", ") + ")"
		}},
		{regexp.MustCompile(`^(国家级|省级|市级)以上 ([\d,]+) 项（(.+)），获奖教师 ([\d,]+) 人次$`), func(m []string) string {
			var parts []string
			for _, p := range strings.Split(m[3], "、") {
				name, n, _ := strings.Cut(p, " ")
				parts = append(parts, levelEN(name)+" "+n)
			}
			return fmt.Sprintf("%s at %s level or above (%s), %s teacher credits", m[2], levelEN(m[1]), strings.Join(parts, ", "), m[4])
		}},
		{regexp.MustCompile(`^(国家级|省级|市级)以上 0 项（全部 ([\d,]+) 项）$`), func(m []string) string {
			return fmt.Sprintf("none at %s level or above (%s in all)", levelEN(m[1]), m[2])
		}},
	}, valuePatterns...)
}
