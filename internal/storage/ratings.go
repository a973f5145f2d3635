package storage

import (
	"context"
	"database/sql"
	"fmt"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// SubmitRatings stores one rater's ratings in one transaction. It refuses
// the whole batch, naming the first bad item in Chinese, unless the cycle
// is open, every student is assigned to this rater in rating_tasks, every
// indicator belongs to the cycle's framework and is rated by the role, and
// every value is on the scale (eval.CheckRating). A rating identical to the
// rater's current one writes nothing; a changed one is a new (correction)
// row. It returns how many rows were written.
func (s *Storage) SubmitRatings(ctx context.Context, schoolID int64, a model.Actor, cycleID int64, role model.RaterRole, raterID, raterUserID int64, rs []model.Rating) (int, error) {
	written := 0
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		c, err := s.cycleQ(ctx, tx, schoolID, cycleID)
		if err != nil {
			return err
		}
		if c.State != model.CycleOpen {
			return fmt.Errorf("评价周期“%s”%s，不能提交评分", c.Name, c.State.Name())
		}
		f, err := s.framework(ctx, tx, schoolID, c.FrameworkID)
		if err != nil {
			return err
		}
		assigned := map[int64]bool{}
		rows, err := tx.QueryContext(ctx, `SELECT student_id FROM rating_tasks WHERE school_id = $1 AND cycle_id = $2 AND rater_role = $3 AND rater_id = $4`, schoolID, cycleID, string(role), raterID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			assigned[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i, r := range rs {
			r.RaterRole = role
			if !assigned[r.StudentID] {
				return notAssigned(fmt.Sprintf("第 %d 条：学生 %d 不在%s的评价任务中", i+1, r.StudentID, role.Name()))
			}
			if msg := eval.CheckRating(f, r); msg != "" {
				return fmt.Errorf("第 %d 条：%s", i+1, msg)
			}
		}
		type key struct {
			student int64
			code    string
		}
		type cur struct {
			value          float64
			level, comment string
		}
		current := map[key]cur{}
		rows, err = tx.QueryContext(ctx, `SELECT student_id, indicator_code, value, level, comment FROM ratings
			WHERE school_id = $1 AND cycle_id = $2 AND rater_role = $3 AND rater_id = $4 ORDER BY id`, schoolID, cycleID, string(role), raterID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k key
			var v cur
			if err := rows.Scan(&k.student, &k.code, &v.value, &v.level, &v.comment); err != nil {
				rows.Close()
				return err
			}
			current[k] = v // ordered by id: the last one wins
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		at := now()
		var ins [][]any
		var changed []map[string]any
		for _, r := range rs {
			k := key{r.StudentID, r.IndicatorCode}
			nv := cur{r.Value, r.Level, r.Comment}
			if old, ok := current[k]; ok && old == nv {
				continue
			}
			current[k] = nv
			ins = append(ins, []any{schoolID, cycleID, string(role), raterID, nullInt(raterUserID), r.StudentID, r.IndicatorCode, r.Value, r.Level, r.Comment, at})
			changed = append(changed, map[string]any{"student_id": r.StudentID, "indicator": r.IndicatorCode, "value": r.Value, "level": r.Level})
		}
		if len(ins) == 0 {
			return nil
		}
		if err := s.batchInsert(ctx, tx, "ratings", ratingCols, ins, "", "", nil); err != nil {
			return err
		}
		written = len(ins)
		return s.audit(ctx, tx, schoolID, a, "rate", "cycle", cycleID, nil, map[string]any{"role": role, "rater_id": raterID, "ratings": changed})
	})
	return written, err
}

var ratingCols = []string{"school_id", "cycle_id", "rater_role", "rater_id", "rater_user_id", "student_id", "indicator_code", "value", "level", "comment", "created_at"}

// LoadRatings inserts ratings in bulk, without checks: for benchmarks and
// data migration only (`bench eval`). Real raters go through
// SubmitRatings. It runs in one transaction with one prepared multi-row
// INSERT of loadRows rows reused for every full batch, and is audited once.
func (s *Storage) LoadRatings(ctx context.Context, schoolID int64, a model.Actor, cycleID int64, rs []model.Rating) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		at := now()
		nc := len(ratingCols)
		var full *sql.Stmt
		defer func() {
			if full != nil {
				full.Close()
			}
		}()
		args := make([]any, 0, loadRows*nc)
		for lo := 0; lo < len(rs); lo += loadRows {
			hi := min(lo+loadRows, len(rs))
			args = args[:0]
			for i := lo; i < hi; i++ {
				r := &rs[i]
				args = append(args, schoolID, cycleID, string(r.RaterRole), r.RaterID, nullInt(r.RaterUserID), r.StudentID, r.IndicatorCode, r.Value, r.Level, r.Comment, at)
			}
			q := insertSQL("ratings", ratingCols, hi-lo, s.dialect)
			var err error
			if hi-lo == loadRows {
				if full == nil {
					if full, err = tx.PrepareContext(ctx, q); err != nil {
						return err
					}
				}
				_, err = full.ExecContext(ctx, args...)
			} else {
				_, err = tx.ExecContext(ctx, q, args...)
			}
			if err != nil {
				return err
			}
		}
		if err := s.analyzeIfStale(ctx, tx, "ratings", len(rs)); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "load_ratings", "cycle", cycleID, nil, map[string]int{"ratings": len(rs)})
	})
}

// loadRows is the rows per statement of LoadRatings: 11 columns × 1,000
// stays below both engines' parameter limits (SQLite 32,766, PostgreSQL
// 65,535).
const loadRows = 1000

// interner maps the few distinct byte strings of a column (roles,
// indicator codes, levels) to one shared string each, so that scanning a
// million ratings does not allocate a million strings.
type interner map[string]string

func (in interner) get(b []byte) string {
	if v, ok := in[string(b)]; ok { // no allocation for the lookup
		return v
	}
	v := string(b)
	in[v] = v
	return v
}

// CycleRatings loads every rating of a cycle (corrections included; the
// engine keeps the newest) with the fields eval.Compute reads: no comment,
// no timestamps. Strings are interned.
func (s *Storage) CycleRatings(ctx context.Context, schoolID, cycleID int64) ([]model.Rating, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM ratings WHERE school_id = $1 AND cycle_id = $2`, schoolID, cycleID).Scan(&n); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, rater_role, rater_id, student_id, indicator_code, value, level FROM ratings WHERE school_id = $1 AND cycle_id = $2`, schoolID, cycleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]model.Rating, 0, n)
	strs := interner{}
	var role, code, level sql.RawBytes
	for rows.Next() {
		var r model.Rating
		if err := rows.Scan(&r.ID, &role, &r.RaterID, &r.StudentID, &code, &r.Value, &level); err != nil {
			return nil, err
		}
		r.CycleID = cycleID
		r.RaterRole = model.RaterRole(strs.get(role))
		r.IndicatorCode = strs.get(code)
		if len(level) > 0 {
			r.Level = strs.get(level)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RatingsOfRater lists one rater's current ratings in a cycle (the newest
// row per student and indicator), for the rating form.
func (s *Storage) RatingsOfRater(ctx context.Context, schoolID, cycleID int64, role model.RaterRole, raterID int64) ([]model.Rating, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, student_id, indicator_code, value, level, comment, created_at FROM ratings
		WHERE school_id = $1 AND cycle_id = $2 AND rater_role = $3 AND rater_id = $4 ORDER BY id`, schoolID, cycleID, string(role), raterID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	idx := map[[2]any]int{}
	var out []model.Rating
	for rows.Next() {
		r := model.Rating{SchoolID: schoolID, CycleID: cycleID, RaterRole: role, RaterID: raterID}
		if err := rows.Scan(&r.ID, &r.StudentID, &r.IndicatorCode, &r.Value, &r.Level, &r.Comment, &r.CreatedAt); err != nil {
			return nil, err
		}
		k := [2]any{r.StudentID, r.IndicatorCode}
		if i, ok := idx[k]; ok {
			out[i] = r
			continue
		}
		idx[k] = len(out)
		out = append(out, r)
	}
	return out, rows.Err()
}

// RatingCount counts the rating rows of a cycle (corrections included).
func (s *Storage) RatingCount(ctx context.Context, schoolID, cycleID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM ratings WHERE school_id = $1 AND cycle_id = $2`, schoolID, cycleID).Scan(&n)
	return n, err
}

// notAssigned is a Chinese refusal that errors.Is reports as ErrNotAssigned.
type notAssigned string

func (e notAssigned) Error() string        { return string(e) }
func (e notAssigned) Is(target error) bool { return target == ErrNotAssigned }

// ClassRatings lists the current ratings (the newest row per rater,
// student and indicator) of the students a cycle rates in one class, for
// the fairness view of that class.
func (s *Storage) ClassRatings(ctx context.Context, schoolID, cycleID, classID int64) ([]model.Rating, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.rater_role, r.rater_id, r.student_id, r.indicator_code, r.value, r.level FROM ratings r
		WHERE r.school_id = $1 AND r.cycle_id = $2 AND r.student_id IN
		(SELECT t.student_id FROM rating_tasks t WHERE t.school_id = $1 AND t.cycle_id = $2 AND t.class_id = $3)
		ORDER BY +r.id`, schoolID, cycleID, classID) // "+": ordering by the bare id made SQLite walk the whole school's ratings in id order instead of the class's students by index
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type key struct {
		role           string
		rater, student int64
		code           string
	}
	latest := map[key]int{}
	var out []model.Rating
	for rows.Next() {
		var r model.Rating
		var role string
		if err := rows.Scan(&r.ID, &role, &r.RaterID, &r.StudentID, &r.IndicatorCode, &r.Value, &r.Level); err != nil {
			return nil, err
		}
		r.CycleID, r.RaterRole = cycleID, model.RaterRole(role)
		k := key{role, r.RaterID, r.StudentID, r.IndicatorCode}
		if i, ok := latest[k]; ok {
			out[i] = r // a correction replaces the earlier row
			continue
		}
		latest[k] = len(out)
		out = append(out, r)
	}
	return out, rows.Err()
}
