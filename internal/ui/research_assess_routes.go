package ui

// researchAssessRoutes are the 科研考核 pages (docs/research.md section 2):
// the versioned rule table, the term's assessments with their walk,
// ranking, appeals and incentive export for the 科研处, the publicity list
// for the school's teachers and a teacher's own claims and points.
func (s *Server) researchAssessRoutes() []route {
	return []route{
		{"GET", "/research/rules", "research:read", school, s.researchRules},
		{"POST", "/research/rules", "research:manage", school, s.researchRulesSave},
		{"GET", "/research/rules/{id}", "research:read", school, s.researchRuleVersion},
		{"GET", "/research/assessments", "research:read", school, s.researchAssessList},
		{"POST", "/research/assessments", "research:manage", school, s.researchAssessCreate},
		{"GET", "/research/assessments/{id}", "research:read", school, s.researchAssessShow},
		{"POST", "/research/assessments/{id}/state", "research:decide", school, s.researchAssessMove},
		{"POST", "/research/assessments/{id}/compute", "research:decide", school, s.researchAssessCompute},
		{"GET", "/research/assessments/{id}/claims", "research:review", school, s.researchOfficeClaims},
		{"POST", "/research/assessments/{id}/claims", "research:review", school, s.researchOfficeClaimsSave},
		{"POST", "/research/assessments/{id}/claims/all", "research:review", school, s.researchClaimAll},
		{"POST", "/research/assessments/{id}/appeals/{appeal}", "research:decide", school, s.researchAppealDecide},
		{"GET", "/research/assessments/{id}/export", "research:export", school, s.researchAssessExport},
		{"GET", "/research/assessments/{id}/publicity", "research:record", school, s.researchPublicity},
		{"GET", "/research/mine", "research:claim", school, s.researchMine},
		{"POST", "/research/mine/claims", "research:claim", school, s.researchMineClaim},
		{"POST", "/research/mine/appeal", "research:appeal", school, s.researchMineAppeal},
	}
}
