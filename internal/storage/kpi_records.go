package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/portrait"
)

// KPIRecord is one line of a KPI's drill-down: the record behind the
// number, with the person or enterprise it is about and where to open it.
type KPIRecord struct {
	ID      int64  `json:"id"`
	Who     string `json:"who"`
	WhoLink string `json:"who_link,omitempty"`
	Title   string `json:"title"`
	Detail  string `json:"detail"`
	Date    string `json:"date"`
	Link    string `json:"link,omitempty"`
	// The student a record is about and their class (0 for records about
	// teachers, enterprises or training): drill-downs keep only those in
	// the viewer's scope.
	StudentID int64 `json:"-"`
	ClassID   int64 `json:"-"`
}

// kpiRecordQueries read the candidate records of each KPI in the period;
// the page keeps those whose ids the KPI counted (portrait decides, not
// this SQL). Each returns id, who, who id, title, detail parts, date, and
// the class of the student the record is about (0 when it is not about a
// student; who is the student whenever whoLink points at /students/).
var kpiRecordQueries = map[string]struct {
	sql       string
	dateCol   string
	whoLink   string // fmt pattern with the who id
	link      string // fmt pattern with the record id
	timestamp bool
}{
	"student_awards": {`SELECT e.id, s.name, s.id, e.title, e.level || ' ' || e.prize, e.occurred_on, COALESCE(s.class_id, 0) FROM evidence e JOIN students s ON s.school_id = e.school_id AND s.id = e.student_id
		WHERE e.school_id = $1 AND e.kind = 'competition' AND e.status = 'verified'`, "e.occurred_on", "/students/%d", "/evidence/%d", false},
	"certificate_pass_rate": {`SELECT e.id, s.name, s.id, e.title, CASE WHEN e.passed THEN '通过' ELSE '未通过' END, e.occurred_on, COALESCE(s.class_id, 0) FROM evidence e JOIN students s ON s.school_id = e.school_id AND s.id = e.student_id
		WHERE e.school_id = $1 AND e.kind = 'certificate' AND e.status = 'verified'`, "e.occurred_on", "/students/%d", "/evidence/%d", false},
	"national_scholarships": {`SELECT e.id, s.name, s.id, e.title, e.category, e.occurred_on, COALESCE(s.class_id, 0) FROM evidence e JOIN students s ON s.school_id = e.school_id AND s.id = e.student_id
		WHERE e.school_id = $1 AND e.kind = 'honour' AND e.status = 'verified'`, "e.occurred_on", "/students/%d", "/evidence/%d", false},
	"dual_certificate_rate": {`SELECT g.student_id, s.name, s.id, s.student_no, CASE WHEN g.certified = 1 THEN '已取得职业资格（技能等级）证书' ELSE '未取得证书' END, g.graduated_on, COALESCE(s.class_id, 0)
		FROM (` + graduatesSQL + ` WHERE st.school_id = $1 AND st.enrollment_status = '毕业' GROUP BY st.school_id, st.id) g JOIN students s ON s.school_id = g.school_id AND s.id = g.student_id
		WHERE 1 = 1`, "g.graduated_on", "/students/%d", "", false},
	"initial_employment_rate":  {destinationRecords, "d.survey_date", "/students/%d", "", false},
	"relevant_employment_rate": {destinationRecords, "d.survey_date", "/students/%d", "", false},
	"employer_satisfaction": {`SELECT r.id, e.name, e.id, v.title, CAST(r.overall AS TEXT), r.submitted_at, 0 FROM survey_responses r
		JOIN enterprises e ON e.school_id = r.school_id AND e.id = r.enterprise_id JOIN employer_surveys v ON v.school_id = r.school_id AND v.id = r.survey_id
		WHERE r.school_id = $1`, "r.submitted_at", "/enterprises/%d", "", true},
	"social_training": {`SELECT t.id, t.served, 0, t.title, CAST(t.trainees AS TEXT) || ' 人次', t.starts_on, 0 FROM training_sessions t WHERE t.school_id = $1`, "t.starts_on", "", "", false},
}

const destinationRecords = `SELECT d.id, s.name, s.id, CASE d.kind WHEN 'employed' THEN '受雇就业' WHEN 'self_employed' THEN '自主创业' WHEN 'enlisted' THEN '应征入伍'
	WHEN 'further_study' THEN '升学' ELSE '待就业' END, d.employer || d.further_school || CASE WHEN d.relevant THEN '（专业对口）' ELSE '' END, d.survey_date, COALESCE(s.class_id, 0)
	FROM graduate_destinations d JOIN students s ON s.school_id = d.school_id AND s.id = d.student_id WHERE d.school_id = $1`

// KPIRecords lists the records a KPI counted: ids are the KPI's Records.
func (s *Storage) KPIRecords(ctx context.Context, schoolID int64, key string, p portrait.Period, ids []int64) ([]KPIRecord, error) {
	if staffRecordKey(key) {
		return s.staffRecords(ctx, schoolID, key, p, ids)
	}
	q, ok := kpiRecordQueries[key]
	if !ok {
		return nil, ErrNotFound
	}
	keep := make(map[int64]bool, len(ids))
	for _, id := range ids {
		keep[id] = true
	}
	w := &where{conds: []string{"1 = 1"}, args: []any{schoolID}}
	if q.timestamp {
		timeWhere(w, q.dateCol, p)
	} else {
		periodWhere(w, q.dateCol, p)
	}
	var out []KPIRecord
	err := scanAll(ctx, s.db, q.sql+" AND "+w.sql()[len(" WHERE "):]+" ORDER BY 6, 1", w.args, func(r *sql.Rows) error {
		var k KPIRecord
		var who int64
		var date any
		if err := r.Scan(&k.ID, &k.Who, &who, &k.Title, &k.Detail, &date, &k.ClassID); err != nil {
			return err
		}
		if strings.HasPrefix(q.whoLink, "/students/") {
			k.StudentID = who
		}
		if !keep[k.ID] {
			return nil
		}
		switch d := date.(type) {
		case time.Time:
			k.Date = schoolDay(d)
		case string:
			k.Date = d
			if len(d) > 10 && q.timestamp {
				if t, err := time.Parse(time.RFC3339Nano, d); err == nil {
					k.Date = schoolDay(t)
				}
			}
		case []byte:
			k.Date = string(d)
		}
		if q.whoLink != "" && who != 0 {
			k.WhoLink = fmt.Sprintf(q.whoLink, who)
		}
		if q.link != "" {
			k.Link = fmt.Sprintf(q.link, k.ID)
		}
		out = append(out, k)
		return nil
	})
	return out, err
}
