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

// Graduate destinations as the 就业与培训 pages list, correct and import
// them. A correction updates the row (a destination is what the survey
// found, one row per graduate and survey) and the audit log keeps the
// values before and after.

// DestinationFilter narrows the destination list; zero fields do not
// filter.
type DestinationFilter struct {
	model.ListQuery
	Kind      string
	FirstOnly bool
	From, To  string
	// Scoped limits the list to the viewer's students (graduates of
	// ClassIDs, or StudentIDs), as StudentFilter does.
	Scoped     bool
	ClassIDs   []int64
	StudentIDs []int64
}

const destinationSelect = `SELECT d.id, d.school_id, d.student_id, st.name, d.kind, COALESCE(d.enterprise_id, 0), d.employer, d.position, d.relevant,
	d.further_school, d.survey_date, d.first_survey, d.note, d.created_at
	FROM graduate_destinations d JOIN students st ON st.school_id = d.school_id AND st.id = d.student_id`

func scanDestination(r interface{ Scan(...any) error }) (model.GraduateDestination, error) {
	var d model.GraduateDestination
	err := r.Scan(&d.ID, &d.SchoolID, &d.StudentID, &d.StudentName, &d.Kind, &d.EnterpriseID, &d.Employer, &d.Position, &d.Relevant,
		&d.FurtherSchool, &d.SurveyDate, &d.FirstSurvey, &d.Note, &d.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	return d, err
}

// ListDestinations lists destinations, newest survey first, a page at a
// time, with the total.
func (s *Storage) ListDestinations(ctx context.Context, schoolID int64, f DestinationFilter) ([]model.GraduateDestination, int, error) {
	w := schoolWhere("d.school_id", schoolID)
	if f.Kind != "" {
		w.add("d.kind = ?", f.Kind)
	}
	if f.FirstOnly {
		w.add("d.first_survey = ?", true)
	}
	periodWhere(w, "d.survey_date", portrait.Period{From: f.From, To: f.To})
	if f.Scoped {
		w.scoped("st.class_id", "st.id", f.ClassIDs, f.StudentIDs)
	}
	if f.Q != "" {
		w.add("(st.name LIKE ? OR st.student_no LIKE ? OR d.employer LIKE ?)", likePattern(f.Q))
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM graduate_destinations d JOIN students st ON st.school_id = d.school_id AND st.id = d.student_id`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("ListDestinations: %w", err)
	}
	if err := f.CheckPaging(); err != nil {
		return nil, 0, err
	}
	var out []model.GraduateDestination
	err := scanAll(ctx, s.db, destinationSelect+w.sql()+` ORDER BY d.survey_date DESC, d.id DESC`+pageSQL(f.ListQuery), w.args, func(r *sql.Rows) error {
		d, err := scanDestination(r)
		out = append(out, d)
		return err
	})
	return out, total, err
}

// Destination reads one destination.
func (s *Storage) Destination(ctx context.Context, schoolID, id int64) (model.GraduateDestination, error) {
	return scanDestination(s.db.QueryRowContext(ctx, destinationSelect+` WHERE d.school_id = $1 AND d.id = $2`, schoolID, id))
}

func checkDestination(d *model.GraduateDestination) error {
	if !slices.Contains(destinationKinds, d.Kind) {
		return fmt.Errorf("毕业去向「%s」无效", d.Kind)
	}
	if d.SurveyDate == "" {
		return errors.New("请填写调查日期")
	}
	if d.Kind != "employed" && d.Kind != "self_employed" {
		d.Relevant = false // 专业对口 is asked of the employed only
	}
	return nil
}

// UpdateDestination corrects a destination; audited before and after.
func (s *Storage) UpdateDestination(ctx context.Context, schoolID int64, a model.Actor, d model.GraduateDestination) error {
	if err := checkDestination(&d); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		before, err := scanDestination(tx.QueryRowContext(ctx, destinationSelect+` WHERE d.school_id = $1 AND d.id = $2`, schoolID, d.ID))
		if err != nil {
			return fmt.Errorf("UpdateDestination: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE graduate_destinations SET kind = $3, enterprise_id = $4, employer = $5, position = $6, relevant = $7, further_school = $8,
			survey_date = $9, first_survey = $10, note = $11 WHERE school_id = $1 AND id = $2`,
			schoolID, d.ID, d.Kind, nullInt(d.EnterpriseID), d.Employer, d.Position, d.Relevant, d.FurtherSchool, d.SurveyDate, d.FirstSurvey, d.Note); err != nil {
			return fmt.Errorf("UpdateDestination: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "update", "graduate_destination", d.ID, before, d)
	})
}

// AddDestinations stores many destinations in one transaction (all or
// none), for an .xlsx import.
func (s *Storage) AddDestinations(ctx context.Context, schoolID int64, a model.Actor, ds []*model.GraduateDestination) error {
	for i, d := range ds {
		if err := checkDestination(d); err != nil {
			return fmt.Errorf("第 %d 条：%w", i+1, err)
		}
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		at := now()
		for _, d := range ds {
			d.SchoolID, d.CreatedAt = schoolID, at
			if err := tx.QueryRowContext(ctx, `INSERT INTO graduate_destinations (school_id, student_id, kind, enterprise_id, employer, position, relevant, further_school,
				survey_date, first_survey, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
				schoolID, d.StudentID, d.Kind, nullInt(d.EnterpriseID), d.Employer, d.Position, d.Relevant, d.FurtherSchool,
				d.SurveyDate, d.FirstSurvey, d.Note, nullInt(a.UserID), at).Scan(&d.ID); err != nil {
				return fmt.Errorf("AddDestinations: %w", err)
			}
		}
		return s.audit(ctx, tx, schoolID, a, "import", "graduate_destination", 0, nil, map[string]int{"records": len(ds)})
	})
}
