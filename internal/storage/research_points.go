package storage

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"zhijiao/internal/research"
)

// ResearchPointRow is one teacher's computed points in an assessment,
// with the ranks in the school and in the department.
type ResearchPointRow struct {
	TeacherID      int64                  `json:"teacher_id"`
	StaffNo        string                 `json:"staff_no"`
	Name           string                 `json:"name"`
	DepartmentID   int64                  `json:"department_id,omitempty"`
	DepartmentName string                 `json:"department_name,omitempty"`
	Points         float64                `json:"points"`
	Rank           int                    `json:"rank"`
	DeptRank       int                    `json:"department_rank"`
	Detail         research.TeacherPoints `json:"detail"`
}

// ResearchPoints reads an assessment's points, highest first (ties by
// 工号), ranked in the school and in each department, each with its
// explanation. teacherID 0 reads everyone's, otherwise only that
// teacher's (ranks still school-wide, and only that explanation read).
func (s *Storage) ResearchPoints(ctx context.Context, schoolID, assessmentID, teacherID int64) ([]ResearchPointRow, error) {
	rows, err := s.ResearchTotals(ctx, schoolID, assessmentID)
	if err != nil {
		return nil, err
	}
	if teacherID != 0 {
		rows = slices.DeleteFunc(rows, func(r ResearchPointRow) bool { return r.TeacherID != teacherID })
	}
	if len(rows) == 0 {
		return rows, nil
	}
	q, args := `SELECT teacher_id, detail FROM research_points WHERE school_id = $1 AND assessment_id = $2`, []any{schoolID, assessmentID}
	if teacherID != 0 {
		q, args = q+` AND teacher_id = $3`, append(args, teacherID)
	}
	details, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("research points detail: %w", err)
	}
	defer details.Close()
	at := make(map[int64]int, len(rows))
	for i, r := range rows {
		at[r.TeacherID] = i
	}
	for details.Next() {
		var tid int64
		var detail string
		if err := details.Scan(&tid, &detail); err != nil {
			return nil, err
		}
		if i, ok := at[tid]; ok {
			if err := json.Unmarshal([]byte(detail), &rows[i].Detail); err != nil {
				return nil, fmt.Errorf("research points of %s: %w", rows[i].StaffNo, err)
			}
		}
	}
	return rows, details.Err()
}

// ResearchTotals reads an assessment's totals and ranks without the
// explanations: what the 公示, the ranking's order and the incentive
// sheet need.
func (s *Storage) ResearchTotals(ctx context.Context, schoolID, assessmentID int64) ([]ResearchPointRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.teacher_id, t.staff_no, t.name, COALESCE(t.department_id, 0), COALESCE(d.name, ''), p.points
		FROM research_points p JOIN teachers t ON t.school_id = p.school_id AND t.id = p.teacher_id
		LEFT JOIN departments d ON d.school_id = t.school_id AND d.id = t.department_id
		WHERE p.school_id = $1 AND p.assessment_id = $2`, schoolID, assessmentID)
	if err != nil {
		return nil, fmt.Errorf("research points: %w", err)
	}
	defer rows.Close()
	var out []ResearchPointRow
	for rows.Next() {
		var r ResearchPointRow
		if err := rows.Scan(&r.TeacherID, &r.StaffNo, &r.Name, &r.DepartmentID, &r.DepartmentName, &r.Points); err != nil {
			return nil, fmt.Errorf("research points: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rankResearch(out)
	return out, nil
}

// rankResearch sorts rows by points and gives school and department
// ranks; equal points share a rank.
func rankResearch(rows []ResearchPointRow) {
	slices.SortFunc(rows, func(a, b ResearchPointRow) int {
		return cmp.Or(cmp.Compare(b.Points, a.Points), cmp.Compare(a.StaffNo, b.StaffNo))
	})
	totals := make([]float64, len(rows))
	for i, r := range rows {
		totals[i] = r.Points
	}
	for i, rank := range research.Ranks(totals) {
		rows[i].Rank = rank
	}
	byDept := map[int64][]int{}
	for i, r := range rows {
		byDept[r.DepartmentID] = append(byDept[r.DepartmentID], i)
	}
	for _, idx := range byDept {
		ts := make([]float64, len(idx))
		for j, i := range idx {
			ts[j] = rows[i].Points
		}
		for j, rank := range research.Ranks(ts) {
			rows[idx[j]].DeptRank = rank
		}
	}
}

// ResearchTermPoints is a teacher's points in one assessment.
type ResearchTermPoints struct {
	Assessment ResearchAssessment `json:"assessment"`
	Points     *ResearchPointRow  `json:"points,omitempty"`
}

// TeacherResearchPoints lists a teacher's points in every computed
// assessment of the school, latest first.
func (s *Storage) TeacherResearchPoints(ctx context.Context, schoolID, teacherID int64) ([]ResearchTermPoints, error) {
	as, err := s.ResearchAssessments(ctx, schoolID)
	if err != nil {
		return nil, err
	}
	var out []ResearchTermPoints
	for _, ra := range as {
		if ra.ComputedAt == nil {
			continue
		}
		rows, err := s.ResearchPoints(ctx, schoolID, ra.ID, teacherID)
		if err != nil {
			return nil, err
		}
		tp := ResearchTermPoints{Assessment: ra}
		if len(rows) == 1 {
			tp.Points = &rows[0]
		}
		out = append(out, tp)
	}
	return out, nil
}
