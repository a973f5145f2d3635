package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ResearchAssessmentBrief is a term's assessment as the home page names it.
type ResearchAssessmentBrief struct {
	ID    int64
	Name  string
	State string
}

// PendingResearchReviews counts the outputs, not deleted, waiting for the
// research office's review.
func (s *Storage) PendingResearchReviews(ctx context.Context, schoolID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM research_outputs WHERE school_id = $1 AND status = 'pending' AND NOT deleted`, schoolID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("PendingResearchReviews: %w", err)
	}
	return n, nil
}

// TermResearchAssessment is the assessment of a term, or ok false when the
// term has none yet.
func (s *Storage) TermResearchAssessment(ctx context.Context, schoolID, termID int64) (a ResearchAssessmentBrief, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT id, name, state FROM research_assessments WHERE school_id = $1 AND term_id = $2`, schoolID, termID).Scan(&a.ID, &a.Name, &a.State)
	if errors.Is(err, sql.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, fmt.Errorf("TermResearchAssessment: %w", err)
	}
	return a, true, nil
}

// TeacherResearchCount counts the outputs, not deleted, a teacher is a
// contributor of.
func (s *Storage) TeacherResearchCount(ctx context.Context, schoolID, teacherID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(DISTINCT c.output_id) FROM research_contributors c
		JOIN research_outputs o ON o.school_id = c.school_id AND o.id = c.output_id
		WHERE c.school_id = $1 AND c.teacher_id = $2 AND NOT o.deleted`, schoolID, teacherID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("TeacherResearchCount: %w", err)
	}
	return n, nil
}
