package ui

import (
	"net/http"

	"zhijiao/internal/conduct"
)

// habitCategories are the school's behaviour categories: the 习惯养成
// indicators of its current framework that its current rule table scores
// (conduct.Categories). Every form and check of a behaviour record asks
// here, so none keeps a list of its own.
func (s *Server) habitCategories(r *http.Request) ([]conduct.Category, error) {
	f, err := s.policyFramework(r)
	if err != nil {
		return nil, err
	}
	p, _, err := s.currentPolicy(r)
	if err != nil {
		return nil, err
	}
	return conduct.Categories(f, p), nil
}

// habitNames is habitCategories' names.
func (s *Server) habitNames(r *http.Request) ([]string, error) {
	cs, err := s.habitCategories(r)
	return conduct.Names(cs), err
}
