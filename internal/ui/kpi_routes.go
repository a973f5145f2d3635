package ui

// kpiRoutes are the 数据画像 dashboard, district view, graduate destinations, social training, teachers' awards and employer surveys.
func (s *Server) kpiRoutes() []route {
	return nil
}
