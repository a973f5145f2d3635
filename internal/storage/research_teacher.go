package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// The teacher's 科研 tab (docs/research.md §3) reads the outputs a
// teacher contributed to and the points of the term assessments, straight
// from the tables of migrations 0022 and 0023.

// TeacherOutput is one output a teacher contributed to, with their place
// in it.
type TeacherOutput struct {
	ID           int64  `json:"id"`
	Kind         string `json:"kind"`
	Title        string `json:"title"`
	Level        string `json:"level"`
	Grade        string `json:"grade"`
	Stage        string `json:"stage"`
	Date         string `json:"date"`
	Status       string `json:"status"`
	RejectReason string `json:"reject_reason,omitempty"`
	Role         string `json:"role"`
	Position     int    `json:"position"`
	Members      int    `json:"members"` // contributors in all, outsiders included
}

// TeacherResearchOutputs lists the outputs, not deleted, the teacher is a
// contributor of, newest first. Pending and rejected ones are listed too:
// the page says their status.
func (s *Storage) TeacherResearchOutputs(ctx context.Context, schoolID, teacherID int64) ([]TeacherOutput, error) {
	out, err := scanList(ctx, s.db, `SELECT o.id, o.kind, o.title, o.level, o.grade, o.stage, o.dated_on, o.status, o.reject_reason, c.role, c.position,
		(SELECT COUNT(*) FROM research_contributors m WHERE m.school_id = o.school_id AND m.output_id = o.id)
		FROM research_contributors c JOIN research_outputs o ON o.school_id = c.school_id AND o.id = c.output_id
		WHERE c.school_id = $1 AND c.teacher_id = $2 AND NOT o.deleted
		ORDER BY o.dated_on DESC, o.id DESC`, []any{schoolID, teacherID}, func(r *sql.Rows, o *TeacherOutput) error {
		return r.Scan(&o.ID, &o.Kind, &o.Title, &o.Level, &o.Grade, &o.Stage, &o.Date, &o.Status, &o.RejectReason, &o.Role, &o.Position, &o.Members)
	})
	if err != nil {
		return nil, fmt.Errorf("TeacherResearchOutputs: %w", err)
	}
	return out, nil
}

// TeacherTermPoints is a teacher's points in one term's assessment.
type TeacherTermPoints struct {
	AssessmentID int64   `json:"assessment_id"`
	Name         string  `json:"name"`
	TermID       int64   `json:"term_id"`
	State        string  `json:"state"`
	FromOn       string  `json:"from_on"`
	Points       float64 `json:"points"`
}

// TeacherPointsByTerm lists the teacher's points of the assessments that
// have been computed (computed, publicised or final), oldest term first.
// Whether the viewer may see points before 公示 is the caller's rule.
func (s *Storage) TeacherPointsByTerm(ctx context.Context, schoolID, teacherID int64) ([]TeacherTermPoints, error) {
	out, err := scanList(ctx, s.db, `SELECT a.id, a.name, a.term_id, a.state, a.from_on, p.points
		FROM research_points p JOIN research_assessments a ON a.school_id = p.school_id AND a.id = p.assessment_id
		WHERE p.school_id = $1 AND p.teacher_id = $2 AND a.state IN ('computed', 'publicised', 'final')
		ORDER BY a.from_on, a.id`, []any{schoolID, teacherID}, func(r *sql.Rows, p *TeacherTermPoints) error {
		return r.Scan(&p.AssessmentID, &p.Name, &p.TermID, &p.State, &p.FromOn, &p.Points)
	})
	if err != nil {
		return nil, fmt.Errorf("TeacherPointsByTerm: %w", err)
	}
	return out, nil
}
