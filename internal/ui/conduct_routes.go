package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/conduct"
	"zhijiao/internal/storage"
)

// conductRoutes are the 德育 record pages (docs/conduct.md section 2):
// recording a batch on a phone, the confirmation and approval queue, the
// records with their history, and the school's descriptors and rules.
func (s *Server) conductRoutes() []route {
	return []route{
		{"GET", "/conduct/record", "conduct:record", school, s.conductRecordShow},
		{"POST", "/conduct/record", "conduct:record", school, s.conductRecordSave},
		{"GET", "/conduct/queue", "conduct:confirm", school, s.conductQueue},
		{"POST", "/conduct/queue", "conduct:confirm", school, s.conductDecide},
		{"GET", "/conduct/records", "conduct:read", school, s.conductList},
		{"GET", "/conduct/records/{id}", "conduct:read", school, s.conductShow},
		{"POST", "/conduct/records/{id}/correct", "conduct:confirm", school, s.conductCorrect},
		{"POST", "/conduct/records/{id}/delete", "conduct:confirm", school, s.conductDelete},
		{"GET", "/conduct/descriptors", "conduct:manage", school, s.conductDescriptors},
		{"POST", "/conduct/descriptors", "conduct:manage", school, s.conductDescriptorSave},
		{"POST", "/conduct/descriptors/adopt", "conduct:manage", school, s.conductDescriptorsAdopt},
		{"POST", "/conduct/settings", "conduct:manage", school, s.conductSettingsSave},
	}
}

// conductScope is where a user records and confirms: the whole school, or
// the classes they head (Own, the first of them preselected).
type conductScope struct {
	All bool
	Own []int64
}

func (c conductScope) allows(classID int64) bool { return c.All || slices.Contains(c.Own, classID) }

// filter bounds a ConductFilter to the scope.
func (c conductScope) filter(f storage.ConductFilter) storage.ConductFilter {
	f.Scoped, f.ClassIDs = !c.All, c.Own
	return f
}

// conductReadScopeOf is where a user reads records: conduct.ReadsWholeSchool
// (never the student council), or the classes they head.
func (s *Server) conductReadScopeOf(r *http.Request) (conductScope, error) {
	cls, err := s.headedClasses(r)
	return conductScope{All: conduct.ReadsWholeSchool(userOf(r).Roles), Own: cls}, err
}

// conductScopeOf is the user's conductScope (conduct.WholeSchool, or
// the classes they head).
func (s *Server) conductScopeOf(r *http.Request) (conductScope, error) {
	cls, err := s.headedClasses(r)
	return conductScope{All: conduct.WholeSchool(userOf(r).Roles), Own: cls}, err
}

// mayDecide reports whether the user may confirm or approve a waiting
// record: a confirmation needs conduct:confirm and the record's class in
// scope; an approval needs conduct:approve.
func (s *Server) mayDecide(r *http.Request, sc conductScope, row storage.ConductRow) bool {
	if row.Awaiting == conduct.AwaitApprove {
		return s.authz.Can(userOf(r), "conduct:approve")
	}
	return row.Awaiting == conduct.AwaitConfirm && sc.allows(row.ClassID)
}
