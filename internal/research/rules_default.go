package research

// DefaultRules is an example rule table drawn from typical 中职 practice
// (docs/research.md section 2): a school adopts it on first use and adapts
// it. 课题 earn points at 立项 and again at 结题, each in its own term; a
// paper's points follow the school's 期刊级别, a patent's its type, awards
// their level and prize. Co-authors decay by rank (100%, 60%, 40%, then
// 20%) unless the team agreed shares; papers are capped at 30 points and
// a person's term at 150.
func DefaultRules() RuleSet {
	var pts []PointRule
	add := func(k Kind, level, grade, stage string, p float64) {
		pts = append(pts, PointRule{Kind: k, Level: level, Grade: grade, Stage: stage, Points: p})
	}
	// 课题: 立项 then 结题, by level.
	for i, l := range Levels {
		add(KindProject, l, "", StageApproved, []float64{30, 20, 10, 6, 3}[i])
		add(KindProject, l, "", StageConcluded, []float64{50, 30, 20, 10, 5}[i])
	}
	for i, g := range DefaultJournalGrades {
		add(KindPaper, "", g, "", []float64{15, 8, 5, 2}[i])
	}
	for i, g := range TextbookLevels { // 国家级, 省级, 校级 规划教材, then none
		add(KindTextbook, "", g, "", []float64{40, 20, 6, 4}[i])
	}
	add(KindBook, "", "", "", 20)
	for i, g := range PatentTypes {
		add(KindPatent, "", g, "", []float64{30, 10, 5}[i])
	}
	awards := map[string][]float64{ // 特等, 一等, 二等, 三等, 优秀
		"国家级": {150, 100, 80, 60, 0},
		"省部级": {60, 40, 25, 15, 0},
		"市级":  {20, 15, 10, 6, 0},
	}
	comps := map[string][]float64{
		"国家级": {80, 60, 40, 25, 5},
		"省部级": {40, 30, 20, 12, 3},
		"市级":  {15, 12, 8, 5, 2},
		"区县级": {6, 5, 3, 2, 1},
		"校级":  {3, 3, 2, 1, 0},
	}
	for _, l := range Levels {
		for i, p := range Prizes {
			if v := awards[l]; v != nil && v[i] > 0 {
				add(KindTeachingAward, l, p, "", v[i])
			}
			if v := comps[l]; v[i] > 0 {
				add(KindCompetition, l, p, "", v[i])
			}
		}
	}
	for i, l := range []string{"国家级", "省部级", "市级"} {
		add(KindCase, l, "", "", []float64{20, 10, 5}[i])
	}
	add(KindTransfer, "", "", "", 10)
	return RuleSet{
		Points:     pts,
		Decay:      []float64{1, 0.6, 0.4},
		DecayLater: 0.2,
		UseShares:  true,
		KindCaps:   map[Kind]float64{KindPaper: 30},
		TermCap:    150,
	}
}
