package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"zhijiao/internal/model"
)

// CreateSurvey adds an employer survey.
func (s *Storage) CreateSurvey(ctx context.Context, schoolID int64, a model.Actor, sv *model.EmployerSurvey) error {
	if sv.Title == "" || len(sv.Questions) == 0 {
		return errors.New("问卷标题和题目不能为空")
	}
	if sv.OpensOn == "" || sv.ClosesOn < sv.OpensOn {
		return errors.New("请填写有效的开放和截止日期")
	}
	q, err := json.Marshal(sv.Questions)
	if err != nil {
		return err
	}
	sv.SchoolID, sv.CreatedAt = schoolID, now()
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO employer_surveys (school_id, title, intro, questions, opens_on, closes_on, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			schoolID, sv.Title, sv.Intro, string(q), sv.OpensOn, sv.ClosesOn, nullInt(a.UserID), sv.CreatedAt).Scan(&sv.ID); err != nil {
			return fmt.Errorf("CreateSurvey: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "create", "employer_survey", sv.ID, nil, sv)
	})
}

func scanSurvey(row interface{ Scan(...any) error }) (model.EmployerSurvey, error) {
	var sv model.EmployerSurvey
	var q string
	err := row.Scan(&sv.ID, &sv.SchoolID, &sv.Title, &sv.Intro, &q, &sv.OpensOn, &sv.ClosesOn, &sv.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return sv, ErrNotFound
	}
	if err != nil {
		return sv, err
	}
	return sv, json.Unmarshal([]byte(q), &sv.Questions)
}

const surveySelect = `SELECT id, school_id, title, intro, questions, opens_on, closes_on, created_at FROM employer_surveys`

// Survey reads one survey.
func (s *Storage) Survey(ctx context.Context, schoolID, id int64) (model.EmployerSurvey, error) {
	return scanSurvey(s.db.QueryRowContext(ctx, surveySelect+` WHERE school_id = $1 AND id = $2`, schoolID, id))
}

// Surveys lists a school's surveys, newest first.
func (s *Storage) Surveys(ctx context.Context, schoolID int64) ([]model.EmployerSurvey, error) {
	rows, err := s.db.QueryContext(ctx, surveySelect+` WHERE school_id = $1 ORDER BY opens_on DESC, id DESC`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("Surveys: %w", err)
	}
	defer rows.Close()
	var out []model.EmployerSurvey
	for rows.Next() {
		sv, err := scanSurvey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sv)
	}
	return out, rows.Err()
}

// Invite stores one private link per enterprise; tokens maps enterprise id
// to the hash of its token (the caller makes tokens with auth.NewAPIToken
// style randomness and shows them once). An enterprise already invited
// keeps its link.
func (s *Storage) Invite(ctx context.Context, schoolID int64, a model.Actor, surveyID int64, hashes map[int64]string) (int, error) {
	n := 0
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		for ent, h := range hashes {
			r, err := tx.ExecContext(ctx, `INSERT INTO survey_invitations (school_id, survey_id, enterprise_id, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (school_id, survey_id, enterprise_id) DO NOTHING`, schoolID, surveyID, ent, h, now())
			if err != nil {
				return fmt.Errorf("Invite: %w", err)
			}
			k, _ := r.RowsAffected()
			if k > 0 {
				if err := s.claimKey(ctx, tx, keySurveyToken, h, schoolID); err != nil {
					return err
				}
			}
			n += int(k)
		}
		return s.audit(ctx, tx, schoolID, a, "invite", "employer_survey", surveyID, nil, map[string]int{"enterprises": n})
	})
	return n, err
}

// Invitation is what the public answer page needs.
type Invitation struct {
	ID, SchoolID, EnterpriseID int64
	Enterprise, School         string
	Survey                     model.EmployerSurvey
	Answered                   bool
}

// InvitationByTokenHash finds a private link. It is the one lookup that
// starts without a school: the token itself names it, and its hash is
// unique across the platform.
func (s *Storage) InvitationByTokenHash(ctx context.Context, hash string) (Invitation, error) {
	var inv Invitation
	var surveyID int64
	var answered sql.NullTime
	school, err := s.schoolOfKey(ctx, keySurveyToken, hash)
	if err != nil {
		return inv, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT i.id, i.school_id, i.enterprise_id, e.name, sc.name, i.survey_id, i.answered_at
		FROM survey_invitations i JOIN enterprises e ON e.school_id = i.school_id AND e.id = i.enterprise_id JOIN schools sc ON sc.id = i.school_id
		WHERE i.school_id = $1 AND i.token_hash = $2`, school, hash).Scan(&inv.ID, &inv.SchoolID, &inv.EnterpriseID, &inv.Enterprise, &inv.School, &surveyID, &answered)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, ErrNotFound
	}
	if err != nil {
		return inv, err
	}
	inv.Answered = answered.Valid
	inv.Survey, err = s.Survey(ctx, inv.SchoolID, surveyID)
	return inv, err
}

// SubmitSurveyResponse stores an enterprise's answers once, inside the
// survey's dates.
func (s *Storage) SubmitSurveyResponse(ctx context.Context, inv Invitation, r *model.SurveyResponse, today string) error {
	if today < inv.Survey.OpensOn || today > inv.Survey.ClosesOn {
		return fmt.Errorf("问卷开放时间为 %s 至 %s", inv.Survey.OpensOn, inv.Survey.ClosesOn)
	}
	for _, q := range inv.Survey.Questions {
		if v := r.Answers[q.Code]; v < 1 || v > 5 {
			return fmt.Errorf("请为“%s”选择 1–5 分", q.Text)
		}
	}
	if r.Overall < 1 || r.Overall > 5 {
		return errors.New("请选择总体满意度")
	}
	b, err := json.Marshal(r.Answers)
	if err != nil {
		return err
	}
	r.SurveyID, r.EnterpriseID, r.SubmittedAt = inv.Survey.ID, inv.EnterpriseID, now()
	return s.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE survey_invitations SET answered_at = $3 WHERE school_id = $1 AND id = $2 AND answered_at IS NULL`, inv.SchoolID, inv.ID, r.SubmittedAt)
		if err != nil {
			return fmt.Errorf("SubmitSurveyResponse: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errors.New("该问卷已经提交过，感谢您的反馈")
		}
		if err := s.markKPIDirty(ctx, tx, inv.SchoolID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO survey_responses (school_id, survey_id, invitation_id, enterprise_id, answers, overall, comment, submitted_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			inv.SchoolID, r.SurveyID, inv.ID, r.EnterpriseID, string(b), r.Overall, r.Comment, r.SubmittedAt).Scan(&r.ID); err != nil {
			return fmt.Errorf("SubmitSurveyResponse: %w", err)
		}
		return s.audit(ctx, tx, inv.SchoolID, model.Actor{Username: "enterprise:" + inv.Enterprise}, "answer", "employer_survey", r.SurveyID, nil, map[string]int{"overall": r.Overall})
	})
}

// SurveyResponses lists a survey's answers (surveyID 0: all surveys),
// submitted in [from, to] when given.
func (s *Storage) SurveyResponses(ctx context.Context, schoolID, surveyID int64, from, to time.Time) ([]model.SurveyResponse, error) {
	w := schoolWhere("r.school_id", schoolID)
	if surveyID != 0 {
		w.add("r.survey_id = ?", surveyID)
	}
	if !from.IsZero() {
		w.add("r.submitted_at >= ?", from.UTC())
	}
	if !to.IsZero() {
		w.add("r.submitted_at < ?", to.UTC())
	}
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.survey_id, r.enterprise_id, e.name, r.answers, r.overall, r.comment, r.submitted_at
		FROM survey_responses r JOIN enterprises e ON e.school_id = r.school_id AND e.id = r.enterprise_id`+w.sql()+` ORDER BY r.submitted_at, r.id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("SurveyResponses: %w", err)
	}
	defer rows.Close()
	var out []model.SurveyResponse
	for rows.Next() {
		var r model.SurveyResponse
		var ans string
		if err := rows.Scan(&r.ID, &r.SurveyID, &r.EnterpriseID, &r.Enterprise, &ans, &r.Overall, &r.Comment, &r.SubmittedAt); err != nil {
			return nil, fmt.Errorf("SurveyResponses: %w", err)
		}
		if err := json.Unmarshal([]byte(ans), &r.Answers); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
