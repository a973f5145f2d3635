package storage

import (
	"context"
	"database/sql"
	"fmt"

	"zhijiao/internal/model"
	"zhijiao/internal/teacherdev"
)

// Loading a school's 教师发展 history in one transaction (the demo, and
// any migration from an older system): development records, 双师型
// recognitions and studios with their members, plans and activities, in
// multi-row inserts with one audit line, so five years of 200 teachers
// take well under a second.

// DevRecordLoad is one development record as loaded (teacherdev.Kind in
// Kind); EnterpriseID 0 for none.
type DevRecordLoad struct {
	TeacherID                     int64
	Kind, Title, Provider         string
	StartsOn, EndsOn              string
	Hours, Days                   float64
	EnterpriseID                  int64
	Confirmed                     bool
	Issuer, Number, Level, Expiry string
	Source, Status                string
}

// DualLoad is one 双师型 recognition as loaded.
type DualLoad struct {
	TeacherID         int64
	Level, On, Basis  string
	RevokedOn, Reason string
}

// StudioLoad is one studio with its members, term plans and activities.
type StudioLoad struct {
	Studio     teacherdev.Studio
	Members    []teacherdev.StudioMember
	Plans      []teacherdev.StudioPlan // TermID and Plan
	Activities []teacherdev.StudioActivity
}

// TeacherDevLoad is what LoadTeacherDev writes.
type TeacherDevLoad struct {
	Records      []DevRecordLoad
	Recognitions []DualLoad
	Studios      []StudioLoad
}

var devRecordCols = []string{"school_id", "teacher_id", "kind", "title", "provider", "starts_on", "ends_on", "hours", "days", "enterprise_id", "enterprise_confirmed",
	"issuer", "number", "level", "expires_on", "source", "status", "reviewed_at", "created_at", "updated_at"}

// LoadTeacherDev writes l for the school in one transaction; a bad kind
// or status writes nothing.
func (s *Storage) LoadTeacherDev(ctx context.Context, schoolID int64, a model.Actor, l TeacherDevLoad, reason string) error {
	at := now()
	recs := make([][]any, len(l.Records))
	for i, r := range l.Records {
		if !teacherdev.Kind(r.Kind).Valid() {
			return fmt.Errorf("第 %d 条发展记录：类别 %q 无效", i+1, r.Kind)
		}
		var reviewed any
		if r.Status != teacherdev.StatusPending {
			reviewed = at
		}
		recs[i] = []any{schoolID, r.TeacherID, r.Kind, r.Title, r.Provider, r.StartsOn, r.EndsOn, r.Hours, r.Days, nullInt(r.EnterpriseID), r.Confirmed,
			r.Issuer, r.Number, r.Level, r.Expiry, r.Source, r.Status, reviewed, at, at}
	}
	duals := make([][]any, len(l.Recognitions))
	for i, d := range l.Recognitions {
		duals[i] = []any{schoolID, d.TeacherID, d.Level, d.On, d.Basis, d.RevokedOn, d.Reason, at}
	}
	return annotate("教师发展批量写入", s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.batchInsert(ctx, tx, "development_records", devRecordCols, recs, "", "", nil); err != nil {
			return err
		}
		if err := s.batchInsert(ctx, tx, "dual_teacher_recognitions", []string{"school_id", "teacher_id", "level", "recognised_on", "basis", "revoked_on", "revoke_reason", "created_at"}, duals, "", "", nil); err != nil {
			return err
		}
		if err := s.loadStudios(ctx, tx, schoolID, l.Studios, at); err != nil {
			return err
		}
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "load", "teacher_development", 0, nil, map[string]any{
			"records": len(recs), "recognitions": len(duals), "studios": len(l.Studios), "reason": reason})
	}))
}

// loadStudios inserts each studio (one statement each: they are few and
// their ids are needed), then every member, plan and activity in batches.
func (s *Storage) loadStudios(ctx context.Context, tx *sql.Tx, schoolID int64, ls []StudioLoad, at any) error {
	var members, plans, acts [][]any
	for _, l := range ls {
		x := l.Studio
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO studios (school_id, name, kind, level, host_teacher_id, founded_on, closed_on, description, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, schoolID, x.Name, x.Kind, x.Level, x.HostTeacherID, x.FoundedOn, x.ClosedOn, x.Description, at).Scan(&id); err != nil {
			return fmt.Errorf("工作室“%s”: %w", x.Name, err)
		}
		for _, m := range l.Members {
			members = append(members, []any{schoolID, id, nullInt(m.TeacherID), m.Name, m.Role, m.JoinedOn, m.LeftOn})
		}
		for _, p := range l.Plans {
			plans = append(plans, []any{schoolID, id, p.TermID, p.Plan, at})
		}
		for _, a := range l.Activities {
			acts = append(acts, []any{schoolID, id, a.HeldOn, a.Kind, a.Title, a.Note, a.Hours, nullInt(a.OutputID), at})
		}
	}
	if err := s.batchInsert(ctx, tx, "studio_members", []string{"school_id", "studio_id", "teacher_id", "name", "role", "joined_on", "left_on"}, members, "", "", nil); err != nil {
		return err
	}
	if err := s.batchInsert(ctx, tx, "studio_plans", []string{"school_id", "studio_id", "term_id", "plan", "updated_at"}, plans, "", "", nil); err != nil {
		return err
	}
	return s.batchInsert(ctx, tx, "studio_activities", []string{"school_id", "studio_id", "held_on", "kind", "title", "note", "hours", "output_id", "created_at"}, acts, "", "", nil)
}
