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
	var out []int64
	for _, p := range personIDs {
		rows, err := s.db.QueryContext(ctx, `SELECT id FROM users WHERE school_id = $1 AND `+column+` = $2 AND NOT disabled ORDER BY id`, schoolID, p)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
