package storage

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"zhijiao/internal/model"
)

// ReportComment is one 评语 written with a rating: the role that wrote it,
// never the rater.
type ReportComment struct {
	StudentID int64
	Role      model.RaterRole
	Text      string
}

// reportCommentRoles are the roles whose comments a printed card carries:
// teachers and mentors. Peers', self and parents' remarks are never printed.
var reportCommentRoles = []string{string(model.RaterHeadTeacher), string(model.RaterSubjectTeacher), string(model.RaterMentor)}

// ReportComments lists the non-empty comments of the given students in a
// cycle by head teachers, subject teachers and mentors: each rater's
// current sheet's comment (sheetComment, the rule the portrait's
// StudentComments follows too). Order: student, role, rater.
func (s *Storage) ReportComments(ctx context.Context, schoolID, cycleID int64, studentIDs []int64) ([]ReportComment, error) {
	w := schoolWhere("school_id", schoolID)
	w.add("cycle_id = ?", cycleID)
	w.in("student_id", studentIDs)
	// The role names are constants of this file, not input.
	q := `SELECT student_id, rater_role, rater_id, items FROM rating_sheets` + w.sql() +
		` AND superseded = FALSE AND complete = TRUE AND rater_role IN ('` + strings.Join(reportCommentRoles, "', '") + `')`
	rows, err := s.db.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("ReportComments: %w", err)
	}
	defer rows.Close()
	type keyed struct {
		ReportComment
		rater int64
	}
	var all []keyed
	var raw sql.RawBytes
	for rows.Next() {
		var k keyed
		var role string
		if err := rows.Scan(&k.StudentID, &role, &k.rater, &raw); err != nil {
			return nil, fmt.Errorf("ReportComments: %w", err)
		}
		if k.Text, err = sheetComment(raw); err != nil {
			return nil, err
		}
		if k.Text != "" {
			k.Role = model.RaterRole(role)
			all = append(all, k)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ReportComments: %w", err)
	}
	slices.SortFunc(all, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.StudentID, b.StudentID), cmp.Compare(slices.Index(reportCommentRoles, string(a.Role)), slices.Index(reportCommentRoles, string(b.Role))),
			cmp.Compare(a.rater, b.rater))
	})
	out := make([]ReportComment, len(all))
	for i, k := range all {
		out[i] = k.ReportComment
	}
	return out, nil
}

// VerifiedEvidenceOf lists one student's verified records of a term in
// date order: what a printed card lists.
func (s *Storage) VerifiedEvidenceOf(ctx context.Context, schoolID, termID, studentID int64) ([]model.Evidence, error) {
	return s.evidenceWhere(ctx, schoolID, ` WHERE e.school_id = $1 AND e.term_id = $2 AND e.student_id = $3 AND e.status = $4 ORDER BY e.occurred_on, e.id`,
		schoolID, termID, studentID, string(model.EvidenceVerified))
}
