package importer

import (
	"context"

	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
)

// dualConflicts are the rows whose 双师型 level differs from the teacher's
// current recognition: a roster may add a recognition where there is
// none, never change or withdraw one (docs/teachers.md §3.5), so these
// are refused before anything is written. storage.ImportTeachers checks
// again inside its transaction.
func dualConflicts(ctx context.Context, st *storage.Storage, schoolID int64, rows []roster.TeacherRow) ([]roster.RowError, error) {
	current := map[string]string{}
	ts, err := st.AllTeachers(ctx, schoolID, storage.TeacherFilter{})
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		current[t.StaffNo] = t.DualLevel
	}
	var out []roster.RowError
	for _, r := range rows {
		want, have := r.Teacher.DualLevel, current[r.Teacher.StaffNo]
		if want != "" && have != "" && want != have {
			out = append(out, roster.RowError{Row: r.Row, Column: "双师型", Value: want,
				Reason: "与现有认定“" + have + "”不同；更改或撤销认定请到“教师发展 → 双师型”页办理，名单中可留空或写现有等级"})
		}
	}
	return out, nil
}
