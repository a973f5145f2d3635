package portrait

import (
	"fmt"
	"regexp"
	"strings"
)

// The English forms of the 教改创新成果 block's values (see English): the
// counts "12 项（国家级 1、市级 11）" and the teaching award headline.

var researchLevelsEN = map[string]string{"省部级": "provincial", "未分级": "ungraded"}

var prizesEN = map[string]string{"特等奖": "grand prize", "一等奖": "first prize", "二等奖": "second prize", "三等奖": "third prize", "优秀奖": "honourable mention"}

func levelEN(l string) string {
	if en := levelsEN[l]; en != "" {
		return en
	}
	if en := researchLevelsEN[l]; en != "" {
		return en
	}
	return l
}

var researchCountRE = regexp.MustCompile(`^([\d,]+) (项|篇|件|种)(?:（(.+)）)?$`)

var awardLevelRE = regexp.MustCompile(`^(\S+?)(?:教学成果奖)? (.+)$`)

var prizeCountRE = regexp.MustCompile(`^(\S+) ([\d,]+) 项$`)

func init() {
	valuePatterns = append([]valuePattern{
		{researchCountRE, func(m []string) string {
			if m[3] == "" {
				return m[1]
			}
			var parts []string
			for _, p := range strings.Split(m[3], "、") {
				name, n, _ := strings.Cut(p, " ")
				parts = append(parts, levelEN(name)+" "+n)
			}
			return m[1] + " (" + strings.Join(parts, ", ") + ")"
		}},
		{regexp.MustCompile(`^\S+?教学成果奖 .+ 项$`), func(m []string) string { return teachingAwardsEN(m[0]) }},
	}, valuePatterns...)
}

// teachingAwardsEN is "national: 1 first prize, 2 second prize; city: …".
func teachingAwardsEN(s string) string {
	var levels []string
	for _, seg := range strings.Split(s, "；") {
		lm := awardLevelRE.FindStringSubmatch(seg)
		if lm == nil {
			return s
		}
		var prizes []string
		for _, p := range strings.Split(lm[2], "、") {
			pm := prizeCountRE.FindStringSubmatch(p)
			if pm == nil {
				return s
			}
			prize := prizesEN[pm[1]]
			if prize == "" {
				prize = pm[1]
			}
			prizes = append(prizes, fmt.Sprintf("%s %s", pm[2], prize))
		}
		levels = append(levels, levelEN(lm[1])+": "+strings.Join(prizes, ", "))
	}
	return strings.Join(levels, "; ")
}
