package storage

import (
	"context"
	"database/sql"
	"time"
)

// SurveyInvitation is one enterprise's private link of a survey, as the
// school sees it: whether it was answered, never the token.
type SurveyInvitation struct {
	EnterpriseID int64     `json:"enterprise_id"`
	Enterprise   string    `json:"enterprise"`
	CreatedAt    time.Time `json:"created_at"`
	Answered     bool      `json:"answered"`
	AnsweredAt   time.Time `json:"answered_at,omitzero"`
}

// SurveyInvitations lists a survey's invitations by enterprise name.
func (s *Storage) SurveyInvitations(ctx context.Context, schoolID, surveyID int64) ([]SurveyInvitation, error) {
	var out []SurveyInvitation
	err := scanAll(ctx, s.db, `SELECT i.enterprise_id, e.name, i.created_at, i.answered_at FROM survey_invitations i
		JOIN enterprises e ON e.school_id = i.school_id AND e.id = i.enterprise_id WHERE i.school_id = $1 AND i.survey_id = $2 ORDER BY `+s.zh("e.name")+`, i.id`,
		[]any{schoolID, surveyID}, func(r *sql.Rows) error {
			var v SurveyInvitation
			var at sql.NullTime
			err := r.Scan(&v.EnterpriseID, &v.Enterprise, &v.CreatedAt, &at)
			v.Answered, v.AnsweredAt = at.Valid, at.Time
			out = append(out, v)
			return err
		})
	return out, err
}

// SurveyResponseCounts counts each survey's answers.
func (s *Storage) SurveyResponseCounts(ctx context.Context, schoolID int64) (map[int64]int, error) {
	out := map[int64]int{}
	err := scanAll(ctx, s.db, `SELECT survey_id, COUNT(*) FROM survey_responses WHERE school_id = $1 GROUP BY survey_id`, []any{schoolID}, func(r *sql.Rows) error {
		var id int64
		var n int
		err := r.Scan(&id, &n)
		out[id] = n
		return err
	})
	return out, err
}
