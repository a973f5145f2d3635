package storage

import (
	"context"
	"fmt"
)

// The reads of the teacher's portrait (docs/teachers.md §3 section
// 3) that no other area already offers: the studios they belong to, their
// awards and the ratings they gave. Each is one query.

// TeacherStudio is a studio the teacher hosts or belongs to.
type TeacherStudio struct {
	StudioID          int64
	Name, Kind, Level string
	Role              string
	JoinedOn, LeftOn  string
	Host              bool
}

// TeacherStudios lists the studios the teacher hosts or is a member of.
func (s *Storage) TeacherStudios(ctx context.Context, schoolID, teacherID int64) ([]TeacherStudio, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT st.id, st.name, st.kind, st.level, '主持人', st.founded_on, st.closed_on, TRUE
		FROM studios st WHERE st.school_id = $1 AND st.host_teacher_id = $2
		UNION ALL
		SELECT st.id, st.name, st.kind, st.level, m.role, m.joined_on, m.left_on, FALSE
		FROM studio_members m JOIN studios st ON st.school_id = m.school_id AND st.id = m.studio_id
		WHERE m.school_id = $1 AND m.teacher_id = $2 AND st.host_teacher_id <> $2
		ORDER BY 6 DESC`, schoolID, teacherID)
	if err != nil {
		return nil, fmt.Errorf("教师的工作室: %w", err)
	}
	defer rows.Close()
	var out []TeacherStudio
	for rows.Next() {
		var t TeacherStudio
		if err := rows.Scan(&t.StudioID, &t.Name, &t.Kind, &t.Level, &t.Role, &t.JoinedOn, &t.LeftOn, &t.Host); err != nil {
			return nil, fmt.Errorf("教师的工作室: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// PortraitAward is an award of the teacher: a teacher_awards row, or a
// verified research output of kind teaching_award or competition that
// credits them.
type PortraitAward struct {
	Title, Level, Prize, On string
	Source                  string // "award" or "research"
}

// TeacherAwardsAll lists the teacher's awards, newest first.
func (s *Storage) TeacherAwardsAll(ctx context.Context, schoolID, teacherID int64) ([]PortraitAward, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT title, level, prize, awarded_on, 'award' FROM teacher_awards WHERE school_id = $1 AND teacher_id = $2
		UNION ALL
		SELECT o.title, o.level, o.grade, o.dated_on, 'research' FROM research_outputs o
		WHERE o.school_id = $1 AND o.kind IN ('teaching_award', 'competition') AND o.status = 'verified' AND NOT o.deleted
		AND EXISTS (SELECT 1 FROM research_contributors c WHERE c.school_id = o.school_id AND c.output_id = o.id AND c.teacher_id = $2)
		ORDER BY 4 DESC`, schoolID, teacherID)
	if err != nil {
		return nil, fmt.Errorf("教师的获奖: %w", err)
	}
	defer rows.Close()
	var out []PortraitAward
	for rows.Next() {
		var a PortraitAward
		if err := rows.Scan(&a.Title, &a.Level, &a.Prize, &a.On, &a.Source); err != nil {
			return nil, fmt.Errorf("教师的获奖: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// RaterCount is how many ratings (items of their current sheets) the
// teacher gave in one class in one cycle, as head or subject teacher.
type RaterCount struct {
	CycleID, ClassID     int64
	CycleName, ClassName string
	Count                int
}

// TeacherRatingsGiven lists the teacher's ratings by cycle and class,
// newest cycle first.
//
// The cycles are listed so that the sheets are found through the index
// of current sheets (school, cycle, role, rater): without them a rater's
// sheets of all cycles were a scan of the school's sheets.
func (s *Storage) TeacherRatingsGiven(ctx context.Context, schoolID, teacherID int64) ([]RaterCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.cycle_id, c.name, COALESCE(st.class_id, 0), COALESCE(cl.name, ''), COALESCE(SUM(r.item_count), 0)
		FROM rating_sheets r JOIN cycles c ON c.school_id = r.school_id AND c.id = r.cycle_id
		LEFT JOIN students st ON st.school_id = r.school_id AND st.id = r.student_id
		LEFT JOIN classes cl ON cl.school_id = st.school_id AND cl.id = st.class_id
		WHERE r.school_id = $1 AND r.cycle_id IN (SELECT id FROM cycles WHERE school_id = $1)
		AND r.rater_role IN ('head_teacher', 'subject_teacher') AND r.rater_id = $2 AND r.superseded = FALSE
		GROUP BY r.cycle_id, c.name, st.class_id, cl.name ORDER BY r.cycle_id DESC, 4`, schoolID, teacherID)
	if err != nil {
		return nil, fmt.Errorf("教师给出的评价: %w", err)
	}
	defer rows.Close()
	var out []RaterCount
	for rows.Next() {
		var c RaterCount
		if err := rows.Scan(&c.CycleID, &c.CycleName, &c.ClassID, &c.ClassName, &c.Count); err != nil {
			return nil, fmt.Errorf("教师给出的评价: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
