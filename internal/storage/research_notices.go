package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// The notices of a review: each account of a contributor from the school
// learns in its messages that the 科研处 verified or returned the output
// (with the reason), in the review's own transaction, so a decision is
// never made without them being told.

// noticeResearchReviewed writes one notice per output and contributor
// account inside tx; titles are the outputs' titles by id.
func (s *Storage) noticeResearchReviewed(ctx context.Context, tx *sql.Tx, schoolID int64, titles map[int64]string, ok bool, reason string) error {
	ids := make([]int64, 0, len(titles))
	for id := range titles {
		ids = append(ids, id)
	}
	w := schoolWhere("c.school_id", schoolID)
	w.in("c.output_id", ids)
	w.add("u.disabled = ?", false)
	type pair struct{ output, user int64 }
	ps, err := scanList(ctx, tx, `SELECT DISTINCT c.output_id, u.id FROM research_contributors c
		JOIN users u ON u.school_id = c.school_id AND u.teacher_id = c.teacher_id`+w.sql()+` ORDER BY c.output_id, u.id`, w.args,
		func(r *sql.Rows, p *pair) error { return r.Scan(&p.output, &p.user) })
	if err != nil {
		return fmt.Errorf("research review notices: %w", err)
	}
	at := now()
	rows := make([][]any, len(ps))
	for i, p := range ps {
		text := "科研处已认定你的成果“" + titles[p.output] + "”"
		kind := "research_verified"
		if !ok {
			text = "科研处退回了你的成果“" + titles[p.output] + "”：" + reason
			kind = "research_rejected"
		}
		rows[i] = []any{schoolID, p.user, kind, text, fmt.Sprintf("/research/outputs/%d", p.output), at}
	}
	if len(rows) == 0 {
		return nil
	}
	return s.batchInsert(ctx, tx, "notifications", []string{"school_id", "user_id", "kind", "text", "link", "created_at"}, rows, "", "", nil)
}
