package ui

// resultRoutes are the results, 公示 and appeal pages.
func (s *Server) resultRoutes() []route { return nil }
