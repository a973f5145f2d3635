package storage

import (
	"context"
)

// AppealFiles lists an appeal's proof files (without their data), oldest
// first.
func (s *Storage) AppealFiles(ctx context.Context, schoolID, appealID int64) ([]ProofFile, error) {
	return s.files(ctx, "appeal", schoolID, appealID)
}

// AccountsOf lists the ids of the enabled accounts linked to a person:
// column is "teacher_id", "student_id" or "guardian_id". For notifications.
func (s *Storage) AccountsOf(ctx context.Context, schoolID int64, column string, personIDs []int64) ([]int64, error) {
	switch column {
	case "teacher_id", "student_id", "guardian_id":
	default:
		return nil, nil
	}
	// One query for all of them (accountsBy), in the order asked.
	by, err := s.accountsBy(ctx, schoolID, column, personIDs)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, p := range personIDs {
		out = append(out, by[p]...)
	}
	return out, nil
}
