package storage

import (
	"context"
	"database/sql"
	"fmt"

	"zhijiao/internal/model"
)

// OutcomeLoad is a school's history of records loaded at once: verified
// evidence, graduate destinations, social-training sessions and teachers'
// awards.
type OutcomeLoad struct {
	Evidence      []model.Evidence // stored as verified by the loading actor
	Destinations  []model.GraduateDestination
	Training      []model.TrainingSession
	TeacherAwards []model.TeacherAward
}

// LoadOutcomes writes a school's records in one transaction with
// multi-row INSERTs and ONE audit line that counts them, like BulkLoad:
// for the demo generator and a school moving its history in. Evidence and
// destinations are checked as the one-row methods check them; any bad one
// refuses the whole load. Day-to-day entry goes through the one-row methods.
func (s *Storage) LoadOutcomes(ctx context.Context, schoolID int64, a model.Actor, o OutcomeLoad, reason string) error {
	for i := range o.Evidence {
		if err := checkEvidence(&o.Evidence[i]); err != nil {
			return fmt.Errorf("第 %d 条写实记录：%w", i+1, err)
		}
	}
	for i := range o.Destinations {
		if err := checkDestination(&o.Destinations[i]); err != nil {
			return fmt.Errorf("第 %d 条毕业去向：%w", i+1, err)
		}
	}
	at := now()
	var ev, dest, train, awards [][]any
	for _, e := range o.Evidence {
		row := evidenceRow(schoolID, a, &e, "")
		row[evidenceStatusCol] = string(model.EvidenceVerified)
		ev = append(ev, append(row, nullInt(a.UserID), at, reason))
	}
	for _, d := range o.Destinations {
		dest = append(dest, []any{schoolID, d.StudentID, d.Kind, nullInt(d.EnterpriseID), d.Employer, d.Position, d.Relevant, d.FurtherSchool,
			d.SurveyDate, d.FirstSurvey, d.Note, nullInt(a.UserID), at})
	}
	for _, t := range o.Training {
		train = append(train, []any{schoolID, t.Title, t.Kind, t.StartsOn, t.EndsOn, t.Trainees, t.Served, nullInt(t.EnterpriseID), nullInt(a.UserID), at})
	}
	for _, t := range o.TeacherAwards {
		awards = append(awards, []any{schoolID, t.TeacherID, t.Title, t.Level, t.Prize, t.AwardedOn, nullInt(a.UserID), at})
	}
	return annotate("outcome load", s.InTx(ctx, func(tx *sql.Tx) error {
		steps := []struct {
			table string
			cols  []string
			rows  [][]any
		}{
			{"evidence", append(append([]string{}, evidenceCols...), "reviewed_by", "reviewed_at", "review_reason"), ev},
			{"graduate_destinations", []string{"school_id", "student_id", "kind", "enterprise_id", "employer", "position", "relevant", "further_school",
				"survey_date", "first_survey", "note", "created_by", "created_at"}, dest},
			{"training_sessions", []string{"school_id", "title", "kind", "starts_on", "ends_on", "trainees", "served", "enterprise_id", "created_by", "created_at"}, train},
			{"teacher_awards", []string{"school_id", "teacher_id", "title", "level", "prize", "awarded_on", "created_by", "created_at"}, awards},
		}
		for _, st := range steps {
			if len(st.rows) == 0 {
				continue
			}
			if err := s.batchInsert(ctx, tx, st.table, st.cols, st.rows, "", "", nil); err != nil {
				return fmt.Errorf("%s: %w", st.table, err)
			}
		}
		return s.audit(ctx, tx, schoolID, a, "bulk_load", "school", schoolID, nil, map[string]any{"reason": reason,
			"evidence": len(ev), "graduate_destinations": len(dest), "training_sessions": len(train), "teacher_awards": len(awards)})
	}))
}
