package ui

// reportRoutes are report-card PDFs, verification and batch exports.
func (s *Server) reportRoutes() []route {
	return nil
}
