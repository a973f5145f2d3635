package ui

// portraitRoutes are student and group portraits.
func (s *Server) portraitRoutes() []route {
	return nil
}
