package storage

import (
	"bytes"
	"cmp"
	"compress/flate"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"zhijiao/internal/model"
)

// Results are derived data. ReplaceResults swaps a cycle's whole result
// set in one transaction; the audit log records each recompute (counts,
// policy version), not every row. Appeal corrections are never stored in
// results: they are rows of result_corrections, and the compute pipeline
// (internal/evalrun) applies them after the engine on every recompute, so
// the stored result is always "engine output + corrections", and a
// correction can never be lost by a later recompute.

var resultCols = []string{"school_id", "cycle_id", "student_id", "class_id", "total", "level", "score_level", "rank", "complete", "incomplete", "missing", "detail", "detail_z", "computed_at", "framework_version"}

// ReplaceResults stores results as the cycle's results, records the
// evidence policy version used, sets computed_at and moves the cycle to
// computed (from closed or computed), all in one transaction. A cycle in
// 公示 stays in 公示 with its window (keepPublicity).
func (s *Storage) ReplaceResults(ctx context.Context, schoolID int64, a model.Actor, cycleID int64, results []model.StudentResult, policyVersion int, info map[string]any) error {
	details, err := marshalResults(results)
	if err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		c, err := s.cycleQ(ctx, tx, schoolID, cycleID)
		if err != nil {
			return err
		}
		if c.State != model.CycleClosed && c.State != model.CycleComputed && c.State != model.CyclePublicised {
			return fmt.Errorf("评价周期“%s”%s，不能计算结果", c.Name, c.State.Name())
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM results WHERE school_id = $1 AND cycle_id = $2`, schoolID, cycleID); err != nil {
			return fmt.Errorf("ReplaceResults: %w", err)
		}
		at := now()
		if err := s.insertResults(ctx, tx, schoolID, cycleID, c.FrameworkVersion, results, details, at); err != nil {
			return err
		}
		if err := s.replaceResultSummaries(ctx, tx, schoolID, cycleID, results); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cycles SET computed_at = $3, policy_version = $4 WHERE school_id = $1 AND id = $2`, schoolID, cycleID, at, policyVersion); err != nil {
			return fmt.Errorf("ReplaceResults: %w", err)
		}
		if info == nil {
			info = map[string]any{}
		}
		info["results"], info["policy_version"] = len(results), policyVersion
		if c.State == model.CyclePublicised {
			return s.keepPublicity(ctx, tx, schoolID, a, c, info)
		}
		return s.moveCycleTx(ctx, tx, schoolID, a, cycleID, model.CycleComputed, false, info)
	})
}

// insertResults writes result rows (details from marshalResults) in
// chunks, computed at the given time.
func (s *Storage) insertResults(ctx context.Context, tx *sql.Tx, schoolID, cycleID int64, version int, results []model.StudentResult, details [][]byte, at time.Time) error {
	const chunk = 500
	for lo := 0; lo < len(results); lo += chunk {
		hi := min(lo+chunk, len(results))
		rows := make([][]any, 0, hi-lo)
		for i := lo; i < hi; i++ {
			r := &results[i]
			rows = append(rows, []any{schoolID, cycleID, r.StudentID, r.ClassID, r.Total, string(r.Level), string(r.ScoreLevel), r.Rank, r.Complete, r.Incomplete, strings.Join(r.Missing, "\n"), "", details[i], at, version})
		}
		if err := s.batchInsert(ctx, tx, "results", resultCols, rows, "", "", nil); err != nil {
			return fmt.Errorf("insertResults: %w", err)
		}
	}
	return nil
}

// marshalResults encodes every result's detail as deflated JSON, spread
// over the processors, before the transaction starts. A school's details
// are about 30 KB of JSON each (the explanations are most of it), 90 MB
// for 3,000 students; written as they were, deleting and writing them was
// most of a recompute's store time on SQLite (and its WAL checkpoint
// writes them twice). Deflated at the fastest level they are about 5 KB.
func marshalResults(results []model.StudentResult) ([][]byte, error) {
	out := make([][]byte, len(results))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(results)/64))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			zw, _ := flate.NewWriter(&buf, flate.BestSpeed) // a valid level never fails
			enc := json.NewEncoder(zw)
			for i := w; i < len(results); i += workers {
				buf.Reset()
				zw.Reset(&buf)
				if err := enc.Encode(&results[i]); err != nil {
					errs[w] = err
					return
				}
				if err := zw.Close(); err != nil {
					errs[w] = err
					return
				}
				out[i] = bytes.Clone(buf.Bytes())
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// detailJSON is a stored result's detail as JSON: inflated from detail_z,
// or detail as it is for rows written before details were deflated.
func detailJSON(detail string, z []byte) ([]byte, error) {
	if len(z) == 0 {
		return []byte(detail), nil
	}
	b, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		return nil, fmt.Errorf("结果明细已损坏: %w", err)
	}
	return bytes.TrimSuffix(b, []byte("\n")), nil
}

// ResultRow is one line of a result list (no detail). An Incomplete row
// (待补评) has no total, rank or level; Missing says why.
type ResultRow struct {
	StudentID   int64       `json:"student_id"`
	StudentName string      `json:"student_name"`
	StudentNo   string      `json:"student_no"`
	ClassID     int64       `json:"class_id"`
	Total       float64     `json:"total"`
	Level       model.Level `json:"level"`
	ScoreLevel  model.Level `json:"score_level"`
	Rank        int         `json:"rank"`
	Complete    bool        `json:"complete"`
	Incomplete  bool        `json:"incomplete,omitempty"`
	Missing     []string    `json:"missing,omitempty"`
	ComputedAt  time.Time   `json:"computed_at"`
}

// CycleResults lists a cycle's results, by class (classID 0 = all) and
// rank; 待补评 rows (no rank) come after the ranked ones of their class.
func (s *Storage) CycleResults(ctx context.Context, schoolID, cycleID, classID int64) ([]ResultRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+resultRowCols+`
		FROM results r JOIN students s ON s.school_id = r.school_id AND s.id = r.student_id
		WHERE r.school_id = $1 AND r.cycle_id = $2 AND (CAST($3 AS BIGINT) = 0 OR r.class_id = $3) ORDER BY r.class_id, r.incomplete, r.rank, s.student_no`, schoolID, cycleID, classID)
	if err != nil {
		return nil, fmt.Errorf("评价结果列表: %w", err)
	}
	defer rows.Close()
	var out []ResultRow
	for rows.Next() {
		r, _, err := scanResultRow(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

const resultRowCols = `r.student_id, s.name, s.student_no, r.class_id, r.total, r.level, r.score_level, r.rank, r.complete, r.incomplete, r.missing, r.computed_at, r.cycle_id`

// scanResultRow reads one row of resultRowCols and its cycle.
func scanResultRow(rows *sql.Rows) (ResultRow, int64, error) {
	var r ResultRow
	var lv, sl, missing string
	var cycleID int64
	if err := rows.Scan(&r.StudentID, &r.StudentName, &r.StudentNo, &r.ClassID, &r.Total, &lv, &sl, &r.Rank, &r.Complete, &r.Incomplete, &missing, &r.ComputedAt, &cycleID); err != nil {
		return r, 0, fmt.Errorf("读取评价结果: %w", err)
	}
	if missing != "" {
		r.Missing = strings.Split(missing, "\n")
	}
	r.Level, r.ScoreLevel, r.ComputedAt = model.Level(lv), model.Level(sl), r.ComputedAt.UTC()
	return r, cycleID, nil
}

// StudentsResultRows reads the result lines of the given students in
// every cycle, in one query: cycle id → student id → line. A family's
// results page lists its children's lines of every cycle with it.
func (s *Storage) StudentsResultRows(ctx context.Context, schoolID int64, studentIDs []int64) (map[int64]map[int64]ResultRow, error) {
	out := map[int64]map[int64]ResultRow{}
	if len(studentIDs) == 0 {
		return out, nil
	}
	w := schoolWhere("r.school_id", schoolID)
	w.in("r.student_id", studentIDs)
	rows, err := s.db.QueryContext(ctx, `SELECT `+resultRowCols+`
		FROM results r JOIN students s ON s.school_id = r.school_id AND s.id = r.student_id`+w.sql(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("学生的评价结果: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, cycleID, err := scanResultRow(rows)
		if err != nil {
			return nil, err
		}
		if out[cycleID] == nil {
			out[cycleID] = map[int64]ResultRow{}
		}
		out[cycleID][r.StudentID] = r
	}
	return out, rows.Err()
}

// ResultClassCount is how many students of a class have a result in a
// cycle.
type ResultClassCount struct {
	CycleID, ClassID int64
	Students         int
}

// ResultClassCounts counts the results of every cycle per class in one
// grouped query, by cycle and class. Unless all, only the students of
// classIDs and the students studentIDs count (a reviewer's scope).
func (s *Storage) ResultClassCounts(ctx context.Context, schoolID int64, all bool, classIDs, studentIDs []int64) ([]ResultClassCount, error) {
	w := schoolWhere("school_id", schoolID)
	if !all {
		var or []string
		if len(classIDs) > 0 {
			w.in("class_id", classIDs)
			or = append(or, w.pop())
		}
		if len(studentIDs) > 0 {
			w.in("student_id", studentIDs)
			or = append(or, w.pop())
		}
		if len(or) == 0 {
			return nil, nil
		}
		w.conds = append(w.conds, "("+strings.Join(or, " OR ")+")")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT cycle_id, class_id, COUNT(*) FROM results`+w.sql()+` GROUP BY cycle_id, class_id ORDER BY cycle_id, class_id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("按班统计评价结果: %w", err)
	}
	defer rows.Close()
	var out []ResultClassCount
	for rows.Next() {
		var c ResultClassCount
		if err := rows.Scan(&c.CycleID, &c.ClassID, &c.Students); err != nil {
			return nil, fmt.Errorf("按班统计评价结果: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// StudentResult reads one student's full result (with explanations and
// corrections applied, as last computed).
func (s *Storage) StudentResult(ctx context.Context, schoolID, cycleID, studentID int64) (model.StudentResult, error) {
	var r model.StudentResult
	var detail string
	var z []byte
	err := s.db.QueryRowContext(ctx, `SELECT detail, detail_z FROM results WHERE school_id = $1 AND cycle_id = $2 AND student_id = $3`, schoolID, cycleID, studentID).Scan(&detail, &z)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, err
	}
	b, err := detailJSON(detail, z)
	if err != nil {
		return r, err
	}
	return r, json.Unmarshal(b, &r)
}

// ClassResults reads the full results of one class of a cycle in one
// query, by student id (a class table needs every student's dimensions).
func (s *Storage) ClassResults(ctx context.Context, schoolID, cycleID, classID int64) (map[int64]model.StudentResult, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT student_id, detail, detail_z FROM results WHERE school_id = $1 AND cycle_id = $2 AND class_id = $3`, schoolID, cycleID, classID)
	if err != nil {
		return nil, fmt.Errorf("ClassResults: %w", err)
	}
	defer rows.Close()
	out := map[int64]model.StudentResult{}
	for rows.Next() {
		var id int64
		var d string
		var z []byte
		var r model.StudentResult
		if err := rows.Scan(&id, &d, &z); err != nil {
			return nil, fmt.Errorf("ClassResults: %w", err)
		}
		b, err := detailJSON(d, z)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, err
		}
		out[id] = r
	}
	return out, rows.Err()
}

// ResultDetails returns the stored detail JSON of every result of a cycle
// by student id: for determinism checks and exports.
func (s *Storage) ResultDetails(ctx context.Context, schoolID, cycleID int64) (map[int64]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT student_id, detail, detail_z FROM results WHERE school_id = $1 AND cycle_id = $2`, schoolID, cycleID)
	if err != nil {
		return nil, fmt.Errorf("ResultDetails: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var d string
		var z []byte
		if err := rows.Scan(&id, &d, &z); err != nil {
			return nil, fmt.Errorf("ResultDetails: %w", err)
		}
		b, err := detailJSON(d, z)
		if err != nil {
			return nil, err
		}
		out[id] = string(b)
	}
	return out, rows.Err()
}

// Correction modes.
const (
	CorrectionDelta = "delta" // add Value to the indicator score
	CorrectionSet   = "set"   // the indicator score becomes Value
)

// Correction is an appeal-driven adjustment of one indicator score.
type Correction struct {
	ID            int64     `json:"id"`
	CycleID       int64     `json:"cycle_id"`
	StudentID     int64     `json:"student_id"`
	IndicatorCode string    `json:"indicator_code"`
	Mode          string    `json:"mode"`
	Value         float64   `json:"value"`
	Reason        string    `json:"reason"`
	AppealID      int64     `json:"appeal_id,omitempty"`
	CreatedBy     int64     `json:"created_by,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

func (s *Storage) addCorrection(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, c *Correction) error {
	if c.Mode != CorrectionDelta && c.Mode != CorrectionSet {
		return fmt.Errorf("未知的更正方式 %q", c.Mode)
	}
	if c.IndicatorCode == "" {
		return errors.New("更正必须指明指标")
	}
	c.CreatedAt, c.CreatedBy = now(), a.UserID
	if err := tx.QueryRowContext(ctx, `INSERT INTO result_corrections (school_id, cycle_id, student_id, indicator_code, mode, value, reason, appeal_id, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		schoolID, c.CycleID, c.StudentID, c.IndicatorCode, c.Mode, c.Value, c.Reason, nullInt(c.AppealID), nullInt(a.UserID), c.CreatedAt).Scan(&c.ID); err != nil {
		return fmt.Errorf("addCorrection: %w", err)
	}
	return s.audit(ctx, tx, schoolID, a, "create", "result_correction", c.ID, nil, c)
}

// Corrections lists a cycle's corrections in the order they apply (id).
func (s *Storage) Corrections(ctx context.Context, schoolID, cycleID int64) ([]Correction, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, cycle_id, student_id, indicator_code, mode, value, reason, COALESCE(appeal_id, 0), COALESCE(created_by, 0), created_at
		FROM result_corrections WHERE school_id = $1 AND cycle_id = $2 ORDER BY id`, schoolID, cycleID)
	if err != nil {
		return nil, fmt.Errorf("Corrections: %w", err)
	}
	defer rows.Close()
	var out []Correction
	for rows.Next() {
		var c Correction
		if err := rows.Scan(&c.ID, &c.CycleID, &c.StudentID, &c.IndicatorCode, &c.Mode, &c.Value, &c.Reason, &c.AppealID, &c.CreatedBy, &c.CreatedAt); err != nil {
			return nil, fmt.Errorf("Corrections: %w", err)
		}
		c.CreatedAt = c.CreatedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// CycleStudent is one student of a cycle with the groups quotas can be
// counted in: the class of their rating tasks, and that class's cohort
// and major.
type CycleStudent struct {
	StudentID, ClassID, CohortID, MajorID int64
}

// CycleStudents lists the students of a cycle with their classes: the
// distinct students of its rating tasks (the roster when it opened), by
// student id.
func (s *Storage) CycleStudents(ctx context.Context, schoolID, cycleID int64) ([]CycleStudent, error) {
	return s.cycleStudents(ctx, schoolID, cycleID, nil)
}

// CycleStudentsOf returns some students' lines of the cycle's roster, as
// CycleStudents gives them.
func (s *Storage) CycleStudentsOf(ctx context.Context, schoolID, cycleID int64, students []int64) ([]CycleStudent, error) {
	return s.cycleStudents(ctx, schoolID, cycleID, students)
}

// cycleStudents reads the roster of the cycle, or of some of its students
// (nil: all of them).
func (s *Storage) cycleStudents(ctx context.Context, schoolID, cycleID int64, students []int64) ([]CycleStudent, error) {
	w := schoolWhere("t.school_id", schoolID)
	w.add("t.cycle_id = ?", cycleID)
	// DISTINCT makes SQLite walk the class index over the whole cycle
	// (45,000 tasks for one student of a 3,000-student school); for a few
	// students their own tasks are read by the student index and made
	// distinct here.
	distinct := "DISTINCT "
	if students != nil {
		w.in("t.student_id", students)
		distinct = ""
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+distinct+`t.student_id, t.class_id, c.cohort_id, c.major_id
		FROM rating_tasks t JOIN classes c ON c.school_id = t.school_id AND c.id = t.class_id`+w.sql(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("CycleStudents: %w", err)
	}
	defer rows.Close()
	var out []CycleStudent
	for rows.Next() {
		var x CycleStudent
		if err := rows.Scan(&x.StudentID, &x.ClassID, &x.CohortID, &x.MajorID); err != nil {
			return nil, fmt.Errorf("CycleStudents: %w", err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("CycleStudents: %w", err)
	}
	slices.SortFunc(out, func(a, b CycleStudent) int {
		return cmp.Or(cmp.Compare(a.StudentID, b.StudentID), cmp.Compare(a.ClassID, b.ClassID))
	})
	return slices.Compact(out), nil
}
