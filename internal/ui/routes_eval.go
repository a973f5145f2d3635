package ui

// evalRoutes are the evaluation's set-up and running: frameworks and
// evidence rules, cycles and their checks, and rating one student.
func (s *Server) evalRoutes() []route {
	return []route{
		{"GET", "/frameworks", "framework:read", school, s.frameworkList},
		{"POST", "/frameworks/default", "framework:manage", school, s.frameworkAdoptDefault},
		{"POST", "/frameworks/import", "framework:manage", school, s.frameworkImport},
		{"GET", "/frameworks/{id}", "framework:read", school, s.frameworkShow},
		{"POST", "/frameworks/{id}/default", "framework:manage", school, s.frameworkSetDefault},
		{"GET", "/frameworks/{id}/edit", "framework:manage", school, s.frameworkEdit},
		{"POST", "/frameworks/{id}/versions", "framework:manage", school, s.frameworkSaveVersion},
		{"GET", "/frameworks/{id}/export.json", "framework:read", school, s.frameworkExportJSON},
		{"GET", "/frameworks/{id}/export.xlsx", "framework:read", school, s.frameworkExportXLSX},
		{"GET", "/evidence-rules", "framework:read", school, s.evidenceRules},
		{"POST", "/evidence-rules/default", "framework:manage", school, s.evidenceRulesAdopt},
		{"GET", "/evidence-rules/edit", "framework:manage", school, s.evidenceRulesEdit},
		{"POST", "/evidence-rules", "framework:manage", school, s.evidenceRulesSave},

		{"GET", "/cycles", "cycle:read", school, s.cycleList},
		{"POST", "/cycles", "cycle:manage", school, s.cycleCreate},
		{"GET", "/cycles/{id}", "cycle:read", school, s.cycleShow},
		{"POST", "/cycles/{id}/state", "cycle:manage", school, s.cycleMove},
		{"GET", "/cycles/{id}/fairness", "cycle:read", school, s.cycleFairness},
		{"GET", "/cycles/{id}/fairness/severity", "cycle:read", school, s.cycleSeverity},
		{"GET", "/cycles/{id}/classes/{class}", "cycle:read", school, s.cycleClass},
		{"GET", "/cycles/{id}/check", "cycle:manage", school, s.cycleCheck},
		{"POST", "/cycles/{id}/remind", "cycle:manage", school, s.cycleRemind},
		{"POST", "/cycles/{id}/exclusions", "cycle:manage", school, s.cycleExclude},
		{"POST", "/cycles/{id}/exclusions/{x}/delete", "cycle:manage", school, s.cycleInclude},
		{"GET", "/rate", "rating:submit", school, s.rateHome},
		{"GET", "/rate/{cycle}/{role}/{student}", "rating:submit", school, s.rateShow},
		{"POST", "/rate/{cycle}/{role}/{student}", "rating:submit", school, s.rateSubmit},
	}
}
