package ui

// kpiRoutes are the 数据画像 dashboard, district view, graduate destinations, social training, teachers' awards and employer surveys.
func (s *Server) kpiRoutes() []route {
	return []route{
		{"GET", "/kpi", "kpi:read", school, s.kpiDashboard},
		{"GET", "/kpi/export.xlsx", "kpi:read", school, s.kpiExport},
		{"GET", "/kpi/{key}", "kpi:read", school, s.kpiDrill},
		{"GET", "/kpi/{key}/export.xlsx", "kpi:read", school, s.kpiDrillExport},

		{"GET", "/outcomes", "outcome:read", school, s.outcomeList},
		{"GET", "/outcomes/new", "outcome:manage", school, s.outcomeNew},
		{"POST", "/outcomes", "outcome:manage", school, s.outcomeCreate},
		{"GET", "/outcomes/import", "outcome:manage", school, s.outcomeImportShow},
		{"GET", "/outcomes/import/template", "outcome:manage", school, s.outcomeImportTemplate},
		{"POST", "/outcomes/import", "outcome:manage", school, s.outcomeImportSubmit},
		{"GET", "/outcomes/training", "outcome:read", school, s.trainingList},
		{"POST", "/outcomes/training", "outcome:manage", school, s.trainingCreate},
		{"GET", "/outcomes/teacher-awards", "outcome:read", school, s.teacherAwardList},
		{"POST", "/outcomes/teacher-awards", "outcome:manage", school, s.teacherAwardCreate},
		{"GET", "/outcomes/{id}/edit", "outcome:manage", school, s.outcomeEdit},
		{"POST", "/outcomes/{id}", "outcome:manage", school, s.outcomeUpdate},

		{"GET", "/surveys", "survey:read", school, s.surveyList},
		{"POST", "/surveys", "survey:manage", school, s.surveyCreate},
		{"GET", "/surveys/{id}", "survey:read", school, s.surveyShow},
		{"POST", "/surveys/{id}/invite", "survey:manage", school, s.surveyInvite},
		{"GET", "/surveys/{id}/export.xlsx", "survey:read", school, s.surveyExport},
		// An enterprise answers through its private link, without an account.
		{"GET", "/s/{token}", "", public, s.surveyAnswerShow},
		{"POST", "/s/{token}", "", public, s.surveyAnswerSubmit},

		// District and platform accounts belong to no school; the handler
		// turns school accounts away whatever roles they hold.
		{"GET", "/district", "district:read", platform, s.districtShow},
		{"GET", "/district/export.xlsx", "district:read", platform, s.districtExport},
		{"GET", "/district/recompute", "district:recompute", platform, s.districtRecomputeShow},
		{"POST", "/district/recompute", "district:recompute", platform, s.districtRecomputeStart},
		{"GET", "/district/recompute/{id}", "district:recompute", platform, s.districtRecomputeJob},
	}
}
