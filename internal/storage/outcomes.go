package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
)

// destinationKinds mirrors portrait's Dest* constants; storage refuses
// anything else so KPIs never meet an unknown kind.
var destinationKinds = []string{"employed", "self_employed", "enlisted", "further_study", "not_employed"}

// AddDestination records a graduate's destination from one survey.
func (s *Storage) AddDestination(ctx context.Context, schoolID int64, a model.Actor, d *model.GraduateDestination) error {
	if err := checkDestination(d); err != nil {
		return err
	}
	d.SchoolID, d.CreatedAt = schoolID, now()
	return annotate("graduate destination insert", s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO graduate_destinations (school_id, student_id, kind, enterprise_id, employer, position, relevant, further_school,
			survey_date, first_survey, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			schoolID, d.StudentID, d.Kind, nullInt(d.EnterpriseID), d.Employer, d.Position, d.Relevant, d.FurtherSchool,
			d.SurveyDate, d.FirstSurvey, d.Note, nullInt(a.UserID), d.CreatedAt).Scan(&d.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "graduate_destination", d.ID, nil, d)
	}))
}

// Destinations lists destinations with survey dates in [from, to] (either
// may be empty).
func (s *Storage) Destinations(ctx context.Context, schoolID int64, from, to string) ([]model.GraduateDestination, error) {
	w := schoolWhere("d.school_id", schoolID)
	periodWhere(w, "d.survey_date", portrait.Period{From: from, To: to})
	var out []model.GraduateDestination
	err := scanAll(ctx, s.db, destinationSelect+w.sql()+` ORDER BY d.survey_date, d.id`, w.args, func(r *sql.Rows) error {
		d, err := scanDestination(r)
		out = append(out, d)
		return err
	})
	return out, annotate("graduate destinations", err)
}

// AddTrainingSession records a social-training course.
func (s *Storage) AddTrainingSession(ctx context.Context, schoolID int64, a model.Actor, t *model.TrainingSession) error {
	if t.Title == "" || t.StartsOn == "" || t.EndsOn == "" {
		return errors.New("培训名称和起止日期不能为空")
	}
	if t.EndsOn < t.StartsOn {
		return errors.New("结束日期不能早于开始日期")
	}
	if t.Trainees <= 0 {
		return errors.New("培训人次应为正整数")
	}
	t.SchoolID = schoolID
	return annotate("training session insert", s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO training_sessions (school_id, title, kind, starts_on, ends_on, trainees, served, enterprise_id, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			schoolID, t.Title, t.Kind, t.StartsOn, t.EndsOn, t.Trainees, t.Served, nullInt(t.EnterpriseID), nullInt(a.UserID), now()).Scan(&t.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "training_session", t.ID, nil, t)
	}))
}

// TrainingSessions lists courses that start in [from, to].
func (s *Storage) TrainingSessions(ctx context.Context, schoolID int64, from, to string) ([]model.TrainingSession, error) {
	w := schoolWhere("school_id", schoolID)
	periodWhere(w, "starts_on", portrait.Period{From: from, To: to})
	out, err := scanList(ctx, s.db, `SELECT id, school_id, title, kind, starts_on, ends_on, trainees, served, COALESCE(enterprise_id, 0) FROM training_sessions`+w.sql()+` ORDER BY starts_on, id`, w.args,
		func(r *sql.Rows, t *model.TrainingSession) error {
			return r.Scan(&t.ID, &t.SchoolID, &t.Title, &t.Kind, &t.StartsOn, &t.EndsOn, &t.Trainees, &t.Served, &t.EnterpriseID)
		})
	return out, annotate("training sessions", err)
}

// AddTeacherAward records a teacher's competition award.
func (s *Storage) AddTeacherAward(ctx context.Context, schoolID int64, a model.Actor, t *model.TeacherAward) error {
	if !slices.Contains(model.AwardLevels, t.Level) || !slices.Contains(model.Prizes, t.Prize) {
		return fmt.Errorf("获奖级别「%s」或奖项「%s」无效", t.Level, t.Prize)
	}
	if t.Title == "" || t.AwardedOn == "" {
		return errors.New("比赛名称和获奖日期不能为空")
	}
	t.SchoolID = schoolID
	return annotate("teacher award insert", s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO teacher_awards (school_id, teacher_id, title, level, prize, awarded_on, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			schoolID, t.TeacherID, t.Title, t.Level, t.Prize, t.AwardedOn, nullInt(a.UserID), now()).Scan(&t.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "teacher_award", t.ID, nil, t)
	}))
}

// TeacherAwards lists teachers' awards dated in [from, to].
func (s *Storage) TeacherAwards(ctx context.Context, schoolID int64, from, to string) ([]model.TeacherAward, error) {
	w := schoolWhere("a.school_id", schoolID)
	periodWhere(w, "a.awarded_on", portrait.Period{From: from, To: to})
	out, err := scanList(ctx, s.db, `SELECT a.id, a.school_id, a.teacher_id, t.name, a.title, a.level, a.prize, a.awarded_on
		FROM teacher_awards a JOIN teachers t ON t.school_id = a.school_id AND t.id = a.teacher_id`+w.sql()+` ORDER BY a.awarded_on, a.id`, w.args,
		func(r *sql.Rows, t *model.TeacherAward) error {
			return r.Scan(&t.ID, &t.SchoolID, &t.TeacherID, &t.TeacherName, &t.Title, &t.Level, &t.Prize, &t.AwardedOn)
		})
	return out, annotate("teacher awards", err)
}
