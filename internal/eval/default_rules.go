package eval

import "zhijiao/internal/model"

// DefaultEvidencePolicy is the 加分规则 table Zhijiao ships with the default
// framework. Points are score points on the indicator (0–100 scale); caps
// keep one lucky term from drowning the ratings.
func DefaultEvidencePolicy() model.EvidencePolicy {
	var rules []model.EvidenceRule
	add := func(r model.EvidenceRule) { rules = append(rules, r) }

	// 技能大赛 → 技能竞赛 (J03). A higher level is worth more than a
	// better prize one level down, as schools already rank them.
	prizePoints := map[string][4]float64{
		model.AwardNational:   {10, 8, 6, 4},
		model.AwardProvincial: {8, 6, 4, 2},
		model.AwardCity:       {5, 4, 3, 1},
		model.AwardCounty:     {3, 2, 1, 0.5},
		model.AwardSchool:     {2, 1.5, 1, 0.5},
	}
	for _, lv := range model.AwardLevels {
		for i, pr := range model.Prizes {
			add(model.EvidenceRule{Kind: model.EvidenceCompetition, Level: lv, Prize: pr,
				IndicatorCode: "J03", Mode: model.RuleFixed, Points: prizePoints[lv][i], Note: lv + pr})
		}
	}
	// 证书 → 技能证书 (J02): the same for 职业资格 and 1+X 职业技能等级.
	for _, c := range []struct {
		level  string
		points float64
	}{{model.CertJunior, 3}, {model.CertIntermediate, 5}, {model.CertSenior, 8}} {
		add(model.EvidenceRule{Kind: model.EvidenceCertificate, Level: c.level,
			IndicatorCode: "J02", Mode: model.RuleFixed, Points: c.points, Note: c.level + "证书"})
	}
	// 荣誉 → 思想品德 (D01) by level; 优秀学生干部 → 集体意识 (D03).
	for _, h := range []struct {
		level  string
		points float64
	}{{model.AwardNational, 8}, {model.AwardProvincial, 5}, {model.AwardCity, 3}, {model.AwardCounty, 2}, {model.AwardSchool, 1}} {
		add(model.EvidenceRule{Kind: model.EvidenceHonour, Level: h.level,
			IndicatorCode: "D01", Mode: model.RuleFixed, Points: h.points, Note: h.level + "荣誉"})
		add(model.EvidenceRule{Kind: model.EvidenceHonour, Category: "优秀学生干部", Level: h.level,
			IndicatorCode: "D03", Mode: model.RuleFixed, Points: h.points, Note: h.level + "优秀学生干部"})
	}
	// 实习：企业导师的等级 → 实习实训 (J04).
	for _, m := range []struct {
		level  string
		points float64
	}{{"优秀", 3}, {"良好", 2}, {"合格", 1}} {
		add(model.EvidenceRule{Kind: model.EvidenceInternship, Level: m.level,
			IndicatorCode: "J04", Mode: model.RuleFixed, Points: m.points, Note: "企业导师评价" + m.level})
	}
	// 志愿服务、社会实践 → 社会责任 (D05), per hour.
	add(model.EvidenceRule{Kind: model.EvidenceService, IndicatorCode: "D05", Mode: model.RulePerHour, Points: 0.5, Note: "每小时 0.5 分"})
	// 行为习惯记录 → the habit it names, with the record's own points.
	for _, h := range []struct{ category, code string }{
		{"学习习惯", "X01"}, {"生活习惯", "X02"}, {"文明礼仪", "X03"},
		{"劳动习惯", "X04"}, {"卫生习惯", "X05"}, {"守时守纪", "X06"},
	} {
		add(model.EvidenceRule{Kind: model.EvidenceBehaviour, Category: h.category,
			IndicatorCode: h.code, Mode: model.RuleRecord, Points: 1, Note: h.category + "记录"})
	}
	return model.EvidencePolicy{
		Rules: rules,
		Caps: []model.EvidenceCap{
			{IndicatorCode: "D01", MaxBonus: 10},
			{IndicatorCode: "D03", MaxBonus: 10},
			{IndicatorCode: "D05", MaxBonus: 5},
			{IndicatorCode: "J02", MaxBonus: 15},
			{IndicatorCode: "J03", MaxBonus: 20},
			{IndicatorCode: "J04", MaxBonus: 5},
			{IndicatorCode: "X01", MaxBonus: 5, MaxDeduction: 20},
			{IndicatorCode: "X02", MaxBonus: 5, MaxDeduction: 20},
			{IndicatorCode: "X03", MaxBonus: 5, MaxDeduction: 20},
			{IndicatorCode: "X04", MaxBonus: 5, MaxDeduction: 20},
			{IndicatorCode: "X05", MaxBonus: 5, MaxDeduction: 20},
			{IndicatorCode: "X06", MaxBonus: 5, MaxDeduction: 20},
		},
		TermCap: 30,
	}
}
