package storage

import (
	"context"
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
// cycle by head teachers, subject teachers and mentors: of each rater's
// ratings of one indicator only the newest counts (ratings are
// append-only), in the order role, rater, indicator.
func (s *Storage) ReportComments(ctx context.Context, schoolID, cycleID int64, studentIDs []int64) ([]ReportComment, error) {
	w := schoolWhere("r.school_id", schoolID)
	w.add("r.cycle_id = ?", cycleID)
	w.in("r.student_id", studentIDs)
	q := `SELECT r.student_id, r.rater_role, r.comment FROM ratings r` + w.sql() + ` AND r.rater_role IN ('` + strings.Join(reportCommentRoles, "', '") + `') AND r.id = (SELECT MAX(x.id) FROM ratings x
		WHERE x.school_id = r.school_id AND x.cycle_id = r.cycle_id AND x.rater_role = r.rater_role AND x.rater_id = r.rater_id
		AND x.student_id = r.student_id AND x.indicator_code = r.indicator_code) AND r.comment <> ''
		ORDER BY r.student_id, r.rater_role, r.rater_id, r.indicator_code`
	rows, err := s.db.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReportComment
	for rows.Next() {
		var c ReportComment
		var role string
		if err := rows.Scan(&c.StudentID, &role, &c.Text); err != nil {
			return nil, err
		}
		c.Role = model.RaterRole(role)
		out = append(out, c)
	}
	return out, rows.Err()
}

// VerifiedEvidenceOf lists one student's verified records of a term in
// date order: what a printed card lists.
func (s *Storage) VerifiedEvidenceOf(ctx context.Context, schoolID, termID, studentID int64) ([]model.Evidence, error) {
	return s.evidenceWhere(ctx, schoolID, ` WHERE e.school_id = $1 AND e.term_id = $2 AND e.student_id = $3 AND e.status = $4 ORDER BY e.occurred_on, e.id`,
		schoolID, termID, studentID, string(model.EvidenceVerified))
}
