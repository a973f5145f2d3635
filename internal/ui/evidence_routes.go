package ui

// evidenceRoutes are the 写实记录 pages: submitting records with proofs,
// reviewing them, and bulk imports.
func (s *Server) evidenceRoutes() []route { return nil }
