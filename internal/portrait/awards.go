package portrait

import (
	"fmt"
	"strings"

	"zhijiao/internal/model"
)

// AwardTable counts competition awards by level × prize.
type AwardTable struct {
	Levels []string                  `json:"levels"` // display labels, highest first
	Prizes []string                  `json:"prizes"`
	Counts map[string]map[string]int `json:"counts"` // level (model.AwardLevels) → prize → count
	// AboveProvincial counts 国家级 and 省级 awards: "市级以上" in a
	// municipality directly under the central government such as 重庆,
	// where the municipal level is the provincial one.
	AboveProvincial int     `json:"above_provincial"`
	Total           int     `json:"total"`
	Records         []int64 `json:"records"` // ids of the awards at provincial level and above
	provincial      string
}

// Awards tabulates the awards of students (teachers false) or of teachers
// in the period. provincialLabel names the provincial level as the school
// says it: "市级" in a 直辖市, otherwise "省级".
func Awards(awards []Award, p Period, teachers bool, provincialLabel string) AwardTable {
	if provincialLabel == "" {
		provincialLabel = model.AwardProvincial
	}
	t := AwardTable{Prizes: model.Prizes, Counts: map[string]map[string]int{}, provincial: provincialLabel}
	for _, l := range model.AwardLevels {
		label := l
		if l == model.AwardProvincial {
			label = provincialLabel
		}
		t.Levels = append(t.Levels, label)
		t.Counts[l] = map[string]int{}
	}
	for _, a := range awards {
		if a.Teacher != teachers || !p.Contains(a.Date) {
			continue
		}
		row, ok := t.Counts[a.Level]
		if !ok {
			continue // an unknown level is a data error shown elsewhere, not a count
		}
		w := weight(a.N)
		row[a.Prize] += w
		t.Total += w
		if a.Level == model.AwardNational || a.Level == model.AwardProvincial {
			t.AboveProvincial += w
			t.Records = appendID(t.Records, a.ID)
		}
	}
	return t
}

// Count returns the number of awards of one level and prize.
func (t AwardTable) Count(level, prize string) int { return t.Counts[level][prize] }

// Headline is the sentence schools print: "市级以上 560 项，其中国家级一等奖
// 21 项、市级一等奖 131 项".
func (t AwardTable) Headline() string {
	if t.Total == 0 {
		return "本期无获奖记录"
	}
	s := fmt.Sprintf("%s以上 %d 项", t.provincial, t.AboveProvincial)
	var parts []string
	if n := t.Count(model.AwardNational, model.PrizeFirst); n > 0 {
		parts = append(parts, fmt.Sprintf("国家级一等奖 %d 项", n))
	}
	if n := t.Count(model.AwardProvincial, model.PrizeFirst); n > 0 {
		parts = append(parts, fmt.Sprintf("%s一等奖 %d 项", t.provincial, n))
	}
	if len(parts) > 0 {
		s += "，其中" + strings.Join(parts, "、")
	}
	return s
}
