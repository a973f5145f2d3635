package ui

// kpiRoutes are the 数据画像 dashboard, district view, graduate destinations, social training, teachers' awards and employer surveys.
func (s *Server) kpiRoutes() []route {
	return []route{
		{"GET", "/kpi", "kpi:read", school, s.kpiDashboard},
		{"GET", "/kpi/export.xlsx", "kpi:read", school, s.kpiExport},
		{"GET", "/kpi/{key}", "kpi:read", school, s.kpiDrill},
		{"GET", "/kpi/{key}/export.xlsx", "kpi:read", school, s.kpiDrillExport},

		// District and platform accounts belong to no school; the handler
		// turns school accounts away whatever roles they hold.
		{"GET", "/district", "district:read", anyUser, s.districtShow},
		{"GET", "/district/export.xlsx", "district:read", anyUser, s.districtExport},
	}
}
