package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"zhijiao/internal/model"
)

// Revision is one change in a record's history, with the values the
// record had before it (nil for a creation).
type Revision[T any] struct {
	Action    string    `json:"action"`
	Before    *T        `json:"before,omitempty"`
	Reason    string    `json:"reason,omitempty"`
	ChangedBy string    `json:"changed_by"`
	ChangedAt time.Time `json:"changed_at"`
}

// DevelopmentRevision is one change of a development record.
type DevelopmentRevision = Revision[model.DevelopmentRecord]

// ResearchRevision is one change of a research output.
type ResearchRevision = Revision[model.ResearchOutput]

// revisionsOf lists the revisions of record id in table (keyed by the
// record's column owner), oldest first.
func revisionsOf[T any](ctx context.Context, q querier, table, owner string, schoolID, id int64) ([]Revision[T], error) {
	out, err := scanList(ctx, q, `SELECT r.action, r.old_values, r.reason, COALESCE(u.display_name, ''), r.changed_at FROM `+table+` r
		LEFT JOIN users u ON u.school_id = r.school_id AND u.id = r.changed_by WHERE r.school_id = $1 AND r.`+owner+` = $2 ORDER BY r.id`,
		[]any{schoolID, id}, func(r *sql.Rows, v *Revision[T]) error {
			var old string
			if err := r.Scan(&v.Action, &old, &v.Reason, &v.ChangedBy, &v.ChangedAt); err != nil {
				return err
			}
			if old != "" && old != "null" {
				v.Before = new(T)
				return json.Unmarshal([]byte(old), v.Before)
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("%s of %d: %w", table, id, err)
	}
	return out, nil
}

// DevelopmentHistory lists a record's revisions, oldest first.
func (s *Storage) DevelopmentHistory(ctx context.Context, schoolID, id int64) ([]DevelopmentRevision, error) {
	return revisionsOf[model.DevelopmentRecord](ctx, s.db, "development_revisions", "record_id", schoolID, id)
}

// ResearchHistory lists an output's revisions, oldest first.
func (s *Storage) ResearchHistory(ctx context.Context, schoolID, id int64) ([]ResearchRevision, error) {
	return revisionsOf[model.ResearchOutput](ctx, s.db, "research_revisions", "output_id", schoolID, id)
}
