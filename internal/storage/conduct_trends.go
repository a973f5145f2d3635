package storage

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// What the head teacher's and the 德育处's conduct pages read: the term's
// students, records, alerts and talks of some classes (or the school),
// in a fixed number of queries however many students there are.

// ConductStudent is a student as the conduct pages list them.
type ConductStudent struct {
	ID        int64  `json:"id"`
	No        string `json:"student_no"`
	Name      string `json:"name"`
	ClassID   int64  `json:"class_id"`
	ClassName string `json:"class_name"`
}

// ConductTalk is one 谈心谈话, private to staff.
type ConductTalk struct {
	ID           int64     `json:"id"`
	StudentID    int64     `json:"student_id"`
	HeldOn       string    `json:"held_on"`
	Note         string    `json:"note"`
	LastRecordID int64     `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// ConductTermData is a term's conduct of some students.
type ConductTermData struct {
	Since    string // the term's first day
	Students []ConductStudent
	Records  []conduct.Record
	Alerts   []ConductAlert
	Talks    []ConductTalk // newest first
}

// ConductSelect says whose conduct to read: the whole school, or the
// students of some classes and some students by id; Talks reads the
// staff's talks too (never for a family's page).
type ConductSelect struct {
	School     bool
	ClassIDs   []int64
	StudentIDs []int64
	Talks      bool
}

// ConductTerm reads the current term's conduct of the enrolled students
// selected: at most five queries, however many students.
func (s *Storage) ConductTerm(ctx context.Context, schoolID int64, sel ConductSelect) (ConductTermData, error) {
	var d ConductTermData
	since, err := s.termSince(ctx, schoolID)
	if err != nil {
		return d, err
	}
	d.Since = since
	if !sel.School && len(sel.ClassIDs) == 0 && len(sel.StudentIDs) == 0 {
		return d, nil
	}
	w := schoolWhere("st.school_id", schoolID)
	w.conds = append(w.conds, "st.enrollment_status = '在籍'")
	if !sel.School {
		w.conds = append(w.conds, "("+inList("st.class_id", sel.ClassIDs)+" OR "+inList("st.id", sel.StudentIDs)+")")
	}
	err = scanAll(ctx, s.db, `SELECT st.id, st.student_no, st.name, c.id, c.name FROM students st
		JOIN classes c ON c.school_id = st.school_id AND c.id = st.class_id`+w.sql()+` ORDER BY `+s.zh("c.name")+`, st.student_no`, w.args,
		func(r *sql.Rows) error {
			var x ConductStudent
			if err := r.Scan(&x.ID, &x.No, &x.Name, &x.ClassID, &x.ClassName); err != nil {
				return err
			}
			d.Students = append(d.Students, x)
			return nil
		})
	if err != nil || len(d.Students) == 0 {
		return d, annotate("德育学生", err)
	}
	ids := make([]int64, len(d.Students))
	for i, x := range d.Students {
		ids[i] = x.ID
	}
	if d.Records, err = s.BehaviourRecords(ctx, schoolID, ids, since); err != nil {
		return d, err
	}
	if d.Alerts, err = s.ConductAlerts(ctx, schoolID, ids, since); err != nil || !sel.Talks {
		return d, err
	}
	d.Talks, err = s.ConductTalks(ctx, schoolID, ids, since)
	return d, err
}

// inList is "col IN (1, 2)" for ids that came from the database or the
// user's scope (integers, never text), or FALSE for none.
func inList(col string, ids []int64) string {
	if len(ids) == 0 {
		return "FALSE"
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return col + " IN (" + strings.Join(parts, ", ") + ")"
}

// FamilyAlerts are the alerts the students' parents were told of: what a
// family page lists.
func (d ConductTermData) FamilyAlerts() []ConductAlert {
	var out []ConductAlert
	for _, a := range d.Alerts {
		if a.Parents {
			out = append(out, a)
		}
	}
	return out
}

// TrendWeeks is how many weeks a trend shows: about two months.
const TrendWeeks = 8

// StudentTrend is one student's trend as the staff read it, with the day
// of their last talk this term ("" for none).
type StudentTrend struct {
	Student ConductStudent
	conduct.Trend
	LastTalk string
}

// Trends computes each student's trend as of the schools' today, in the
// order of Students: what the talk list, the trends page and the API show.
func (d ConductTermData) Trends() []StudentTrend {
	last := map[int64]string{}
	for _, k := range d.Talks { // newest first
		if last[k.StudentID] == "" {
			last[k.StudentID] = k.HeldOn
		}
	}
	trends := conduct.Trends(d.Inputs(), conduct.Day(Today()), TrendWeeks)
	out := make([]StudentTrend, len(trends))
	for i, tr := range trends {
		out[i] = StudentTrend{Student: d.Students[i], Trend: tr, LastTalk: last[tr.StudentID]}
	}
	return out
}

// Inputs groups the term's data per student, in the order of Students,
// for conduct.Trends.
func (d ConductTermData) Inputs() []conduct.StudentInput {
	at := make(map[int64]int, len(d.Students))
	out := make([]conduct.StudentInput, len(d.Students))
	for i, x := range d.Students {
		at[x.ID] = i
		out[i].StudentID = x.ID
	}
	for _, r := range d.Records {
		if i, ok := at[r.StudentID]; ok {
			out[i].Records = append(out[i].Records, r)
		}
	}
	for _, a := range d.Alerts {
		if i, ok := at[a.StudentID]; ok {
			out[i].Alerts = append(out[i].Alerts, a.RuleText)
		}
	}
	for _, t := range d.Talks { // newest first: the first seen is the last talk
		if i, ok := at[t.StudentID]; ok && out[i].LastTalkRecord == 0 {
			out[i].LastTalkRecord = max(t.LastRecordID, 1)
		}
	}
	return out
}

// ConductTalks lists the talks with these students held since, newest
// first.
func (s *Storage) ConductTalks(ctx context.Context, schoolID int64, studentIDs []int64, since string) ([]ConductTalk, error) {
	var out []ConductTalk
	for lo := 0; lo < len(studentIDs); lo += 500 {
		w := schoolWhere("school_id", schoolID)
		w.in("student_id", studentIDs[lo:min(lo+500, len(studentIDs))])
		w.add("held_on >= ?", since)
		err := scanAll(ctx, s.db, `SELECT id, student_id, held_on, note, last_record_id, created_at FROM conduct_talks`+w.sql()+` ORDER BY held_on DESC, id DESC`,
			w.args, func(r *sql.Rows) error {
				var x ConductTalk
				if err := r.Scan(&x.ID, &x.StudentID, &x.HeldOn, &x.Note, &x.LastRecordID, &x.CreatedAt); err != nil {
					return err
				}
				x.CreatedAt = x.CreatedAt.UTC()
				out = append(out, x)
				return nil
			})
		if err != nil {
			return nil, annotate("谈心记录", err)
		}
	}
	return out, nil
}

// MaxTalkNote is the longest note of a talk (validate.ConductTalk).
const MaxTalkNote = validate.MaxTalkNote

// AddConductTalk records that a talk was held: the day (not in the
// future), a short note, and the newest behaviour record of the student
// at that moment, so the student leaves the talk list until a newer
// negative record arrives. One transaction with its audit line (which
// leaves the note out: it is private to the staff who read the page).
func (s *Storage) AddConductTalk(ctx context.Context, schoolID int64, a model.Actor, t *ConductTalk) error {
	t.Note = strings.TrimSpace(t.Note)
	if err := validate.ConductTalkErr(t.HeldOn, t.Note, Today()); err != nil {
		return err
	}
	return annotate("记录谈心谈话", s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.student(ctx, tx, schoolID, t.StudentID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM evidence WHERE school_id = $1 AND student_id = $2 AND kind = $3`,
			schoolID, t.StudentID, string(model.EvidenceBehaviour)).Scan(&t.LastRecordID); err != nil {
			return err
		}
		t.CreatedAt = now()
		if err := tx.QueryRowContext(ctx, `INSERT INTO conduct_talks (school_id, student_id, held_on, note, last_record_id, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, schoolID, t.StudentID, t.HeldOn, t.Note, t.LastRecordID, nullInt(a.UserID), t.CreatedAt).Scan(&t.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "conduct_talk", t.ID, nil, map[string]any{"student_id": t.StudentID, "held_on": t.HeldOn})
	}))
}
