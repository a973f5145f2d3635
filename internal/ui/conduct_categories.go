package ui

import (
	"net/http"

	"zhijiao/internal/conduct"
)

// habitNames are the school's behaviour categories (storage.HabitCategories:
// the 习惯养成 indicators of its current framework that its current rule
// table scores). Every form and check of a behaviour record asks here, so
// none keeps a list of its own.
func (s *Server) habitNames(r *http.Request) ([]string, error) {
	cs, err := s.st.HabitCategories(r.Context(), schoolOf(r))
	return conduct.Names(cs), err
}
