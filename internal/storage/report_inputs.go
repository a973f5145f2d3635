package storage

import (
	"cmp"
	"context"
	"database/sql"
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
// cycle by head teachers, subject teachers and mentors, from each rater's
// current sheet (a later sheet without a comment withdraws an earlier
// one). Order: student, role, rater, indicator.
func (s *Storage) ReportComments(ctx context.Context, schoolID, cycleID int64, studentIDs []int64) ([]ReportComment, error) {
	w := schoolWhere("school_id", schoolID)
	w.add("cycle_id = ?", cycleID)
	w.in("student_id", studentIDs)
	// The role names are constants of this file, not input.
	q := `SELECT student_id, rater_role, rater_id, items FROM rating_sheets` + w.sql() +
		` AND superseded = FALSE AND rater_role IN ('` + strings.Join(reportCommentRoles, "', '") + `')`
	rows, err := s.db.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type key struct {
		student int64
		role    string
		rater   int64
		code    string
	}
	newest := map[key]string{}
	var raw sql.RawBytes
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.student, &k.role, &k.rater, &raw); err != nil {
			return nil, err
		}
		items, err := decodeSheet(raw)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			k.code = it.code
			newest[k] = it.comment
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	keys := make([]key, 0, len(newest))
	for k, c := range newest {
		if c != "" {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.student, b.student), cmp.Compare(slices.Index(reportCommentRoles, a.role), slices.Index(reportCommentRoles, b.role)),
			cmp.Compare(a.rater, b.rater), strings.Compare(a.code, b.code))
	})
	out := make([]ReportComment, len(keys))
	for i, k := range keys {
		out[i] = ReportComment{StudentID: k.student, Role: model.RaterRole(k.role), Text: newest[k]}
	}
	return out, nil
}

// VerifiedEvidenceOf lists one student's verified records of a term in
// date order: what a printed card lists.
func (s *Storage) VerifiedEvidenceOf(ctx context.Context, schoolID, termID, studentID int64) ([]model.Evidence, error) {
	return s.evidenceWhere(ctx, schoolID, ` WHERE e.school_id = $1 AND e.term_id = $2 AND e.student_id = $3 AND e.status = $4 ORDER BY e.occurred_on, e.id`,
		schoolID, termID, studentID, string(model.EvidenceVerified))
}
