package ui

import "net/http"

// extraRoutes registers the organisation, people and administration pages.
func (s *Server) extraRoutes(m *http.ServeMux) {}
