package storage

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// SubmitRatings stores one rater's ratings in one transaction. It refuses
// the whole batch, naming the first bad item in Chinese, unless the cycle
// is open, every student is assigned to this rater in rating_tasks, every
// indicator belongs to the cycle's framework and is rated by the role, and
// every value is on the scale (eval.CheckRating); such refusals satisfy
// errors.Is(err, ErrRefused). A rating identical to the
// rater's current one writes nothing; a changed one is a new (correction)
// row. It returns how many rows were written.
//
// Two submissions of one rater for one student at the same moment (a
// double click, two devices) both start from the same current sheet; the
// later one to commit finds it superseded, or its new sheet refused by the
// one-current-sheet index, and is merged again on top of the other.
func (s *Storage) SubmitRatings(ctx context.Context, schoolID int64, a model.Actor, cycleID int64, role model.RaterRole, raterID, raterUserID int64, rs []model.Rating) (int, error) {
	for attempt := 1; ; attempt++ {
		n, err := s.submitRatings(ctx, schoolID, a, cycleID, role, raterID, raterUserID, rs)
		if attempt < 8 && (errors.Is(err, errSheetRace) || isUniqueViolation(err)) {
			continue
		}
		return n, err
	}
}

// errSheetRace: the sheet a submission merged into was superseded by
// another submission that committed first.
var errSheetRace error = refusal("评分表已被同时提交的另一份评分更新，请重试")

func (s *Storage) submitRatings(ctx context.Context, schoolID int64, a model.Actor, cycleID int64, role model.RaterRole, raterID, raterUserID int64, rs []model.Rating) (int, error) {
	written := 0
	var changed []int64
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		q := raterSheets{schoolID: schoolID, cycleID: cycleID, role: role, raterID: raterID}
		sub, err := q.read(ctx, tx, rs)
		if err != nil {
			return err
		}
		if sub.state != model.CycleOpen {
			return refusal(fmt.Sprintf("评价周期“%s”%s，不能提交评分", sub.name, sub.state.Name()))
		}
		f, err := s.framework(ctx, tx, schoolID, sub.frameworkID)
		if err != nil {
			return err
		}
		if err := q.checkSubmission(f, sub.assigned, rs); err != nil {
			return err
		}
		m := mergeSubmission(rs, sub.current)
		if len(m.order) == 0 {
			return nil
		}
		if written, err = s.writeSheets(ctx, tx, q, raterUserID, sheetRequired(f, role), sub.current, m); err != nil {
			return err
		}
		changed = m.order
		return s.audit(ctx, tx, schoolID, a, "rate", "cycle", cycleID, nil, map[string]any{"role": role, "rater_id": raterID, "ratings": m.changed})
	})
	if err == nil {
		// After the commit: the provisional worker must read what landed.
		s.sheetsSavedHook(schoolID, cycleID, changed)
	}
	return written, err
}

// raterSheets names one rater's sheets of a cycle in one role.
type raterSheets struct {
	schoolID, cycleID int64
	role              model.RaterRole
	raterID           int64
}

// ratedSheet is a rater's current sheet for one student (id 0: none yet).
type ratedSheet struct {
	id    int64
	items []sheetItem
}

// submission is what a submission starts from, read in one statement:
// the cycle's state, the batch's students this rater is assigned to and
// the rater's current sheet of each.
type submission struct {
	state       model.CycleState
	name        string
	frameworkID int64
	assigned    map[int64]bool
	current     map[int64]*ratedSheet
}

// read is the submission's one read inside its transaction. It used to be
// three (the cycle, the rater's tasks, the rater's sheets): on PostgreSQL
// every statement is a round trip while the transaction holds its
// connection, so the cycle is joined to the tasks and sheets of only the
// batch's students. No cycle row: ErrNotFound.
func (q raterSheets) read(ctx context.Context, tx *sql.Tx, rs []model.Rating) (submission, error) {
	sub := submission{assigned: map[int64]bool{}, current: map[int64]*ratedSheet{}}
	args := []any{q.schoolID, q.cycleID, string(q.role), q.raterID}
	var ph []string
	seen := map[int64]bool{}
	for _, r := range rs {
		if !seen[r.StudentID] {
			seen[r.StudentID] = true
			args = append(args, r.StudentID)
			ph = append(ph, "$"+itoa(len(args)))
		}
	}
	if len(ph) == 0 {
		ph = append(ph, "NULL")
	}
	rows, err := tx.QueryContext(ctx, `SELECT c.state, c.name, c.framework_id, t.student_id, sh.id, sh.items FROM cycles c
		LEFT JOIN rating_tasks t ON t.school_id = c.school_id AND t.cycle_id = c.id AND t.rater_role = $3 AND t.rater_id = $4 AND t.student_id IN (`+strings.Join(ph, ", ")+`)
		LEFT JOIN rating_sheets sh ON sh.school_id = t.school_id AND sh.cycle_id = t.cycle_id AND sh.rater_role = t.rater_role AND sh.rater_id = t.rater_id
			AND sh.student_id = t.student_id AND sh.superseded = FALSE
		WHERE c.school_id = $1 AND c.id = $2`, args...)
	if err != nil {
		return sub, fmt.Errorf("submitRatings: %w", err)
	}
	defer rows.Close()
	found := false
	for rows.Next() {
		var state string
		var student, sheet sql.NullInt64
		var raw []byte
		if err := rows.Scan(&state, &sub.name, &sub.frameworkID, &student, &sheet, &raw); err != nil {
			return sub, err
		}
		found, sub.state = true, model.CycleState(state)
		if !student.Valid {
			continue
		}
		sub.assigned[student.Int64] = true
		if !sheet.Valid {
			continue
		}
		items, err := decodeSheet(raw)
		if err != nil {
			return sub, fmt.Errorf("评分表 %d: %w", sheet.Int64, err)
		}
		sub.current[student.Int64] = &ratedSheet{id: sheet.Int64, items: items}
	}
	if err := rows.Err(); err != nil {
		return sub, fmt.Errorf("submitRatings: %w", err)
	}
	if !found {
		return sub, ErrNotFound
	}
	return sub, nil
}

// checkSubmission refuses a rating of a student the rater has no task
// for, or one the framework does not take.
func (q raterSheets) checkSubmission(f model.Framework, assigned map[int64]bool, rs []model.Rating) error {
	for i, r := range rs {
		r.RaterRole = q.role
		if !assigned[r.StudentID] {
			return notAssigned(fmt.Sprintf("第 %d 条：学生 %d 不在%s的评价任务中", i+1, r.StudentID, q.role.Name()))
		}
		if msg := eval.CheckRating(f, r); msg != "" {
			return refusal(fmt.Sprintf("第 %d 条：%s", i+1, msg))
		}
	}
	return nil
}

// merged is what a submission changed: the students whose sheets changed
// in submission order, how many items each, and the audit's list.
type merged struct {
	order     []int64
	changedBy map[int64]int
	changed   []map[string]any
}

// mergeSubmission merges the ratings into each student's sheet (current
// gains a sheet for a student who had none).
func mergeSubmission(rs []model.Rating, current map[int64]*ratedSheet) merged {
	m := merged{changedBy: map[int64]int{}}
	for _, r := range rs {
		sh := current[r.StudentID]
		if sh == nil {
			sh = &ratedSheet{}
			current[r.StudentID] = sh
		}
		it := sheetItem{code: r.IndicatorCode, value: r.Value, level: r.Level, comment: r.Comment}
		k := slices.IndexFunc(sh.items, func(x sheetItem) bool { return x.code == r.IndicatorCode })
		if k >= 0 && sh.items[k] == it {
			continue
		}
		if k >= 0 {
			sh.items[k] = it
		} else {
			sh.items = append(sh.items, it)
		}
		if m.changedBy[r.StudentID] == 0 {
			m.order = append(m.order, r.StudentID)
		}
		m.changedBy[r.StudentID]++
		m.changed = append(m.changed, map[string]any{"student_id": r.StudentID, "indicator": r.IndicatorCode, "value": r.Value, "level": r.Level})
	}
	return m
}

// writeSheets gives each changed student a new sheet row and supersedes
// the row it replaces; written is the number of items changed.
func (s *Storage) writeSheets(ctx context.Context, tx *sql.Tx, q raterSheets, raterUserID int64, required int, current map[int64]*ratedSheet, m merged) (written int, err error) {
	at := now()
	var ins [][]any
	var old []int64 // the sheets the new rows replace
	for _, student := range m.order {
		sh := current[student]
		if sh.id != 0 {
			old = append(old, sh.id)
		}
		ins = append(ins, []any{q.schoolID, q.cycleID, string(q.role), q.raterID, nullInt(raterUserID), student, string(appendSheet(nil, sh.items)), len(sh.items), m.changedBy[student], at,
			required, sheetComplete(len(sh.items), required)})
		written += m.changedBy[student]
	}
	if len(old) > 0 {
		// One statement for the whole submission; a sheet another
		// submission superseded meanwhile leaves the count short.
		w := schoolWhere("school_id", q.schoolID)
		w.in("id", old)
		res, err := tx.ExecContext(ctx, `UPDATE rating_sheets SET superseded = TRUE`+w.sql()+` AND superseded = FALSE`, w.args...)
		if err != nil {
			return 0, fmt.Errorf("submitRatings: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != int64(len(old)) {
			return 0, cmp.Or(err, errSheetRace)
		}
	}
	if err := s.batchInsert(ctx, tx, "rating_sheets", sheetCols, ins, "", "", nil); err != nil {
		return 0, fmt.Errorf("submitRatings: %w", err)
	}
	return written, nil
}

var sheetCols = []string{"school_id", "cycle_id", "rater_role", "rater_id", "rater_user_id", "student_id", "items", "item_count", "changed", "created_at", "required", "complete"}

// LoadRatings inserts ratings in bulk, without checks: for benchmarks and
// data migration only (`bench eval`), into a cycle that has no sheets for
// these raters and students yet. Real raters go through SubmitRatings.
// Ratings of one rater and student become one sheet (a later rating of
// the same indicator replaces an earlier one, and both count in
// RatingCount as a correction would); the sheet's time is its first
// rating's CreatedAt when set (a school's history), else now. It runs in one transaction with one
// prepared multi-row INSERT of loadRows sheets reused for every full
// batch, and is audited once.
func (s *Storage) LoadRatings(ctx context.Context, schoolID int64, a model.Actor, cycleID int64, rs []model.Rating) error {
	ls := groupLoadSheets(rs)
	units, userOf, when, sheets, counts := ls.units, ls.userOf, ls.when, ls.sheets, ls.counts
	return s.InTx(ctx, func(tx *sql.Tx) error {
		c, err := s.cycleQ(ctx, tx, schoolID, cycleID)
		if err != nil {
			return err
		}
		f, err := s.framework(ctx, tx, schoolID, c.FrameworkID)
		if err != nil {
			return err
		}
		required := make([]int, len(model.RaterRoles))
		for i, r := range model.RaterRoles {
			required[i] = sheetRequired(f, r)
		}
		at := now()
		nc := len(sheetCols)
		var full *sql.Stmt
		defer func() {
			if full != nil {
				full.Close()
			}
		}()
		args := make([]any, 0, loadRows*nc)
		var buf []byte
		for lo := 0; lo < len(units); lo += loadRows {
			hi := min(lo+loadRows, len(units))
			args = args[:0]
			for i := lo; i < hi; i++ {
				u := units[i]
				buf = appendSheet(buf[:0], sheets[i])
				t := at
				if !when[i].IsZero() {
					t = when[i]
				}
				req := 0
				if k := u.role.Index(); k >= 0 {
					req = required[k]
				}
				args = append(args, schoolID, cycleID, string(u.role), u.rater, nullInt(userOf[i]), u.student, string(buf), len(sheets[i]), counts[i], t, req, sheetComplete(len(sheets[i]), req))
			}
			q := insertSQL("rating_sheets", sheetCols, hi-lo, s.dialect)
			var err error
			if hi-lo == loadRows {
				if full == nil {
					if full, err = tx.PrepareContext(ctx, q); err != nil {
						return fmt.Errorf("LoadRatings: %w", err)
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
		if err := s.analyzeIfStale(ctx, tx, "rating_sheets", len(units)); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "load_ratings", "cycle", cycleID, nil, map[string]int{"ratings": len(rs), "sheets": len(units)})
	})
}

// loadUnit is one sheet of a load: a rater in a role, and a student.
type loadUnit struct {
	role           model.RaterRole
	rater, student int64
}

// loadSheets are the sheets of a load, in the order their first rating
// came, with each sheet's account, time (its ratings' CreatedAt, else
// now), items and number of ratings.
type loadSheets struct {
	units  []loadUnit
	userOf []int64
	when   []time.Time
	sheets [][]sheetItem
	counts []int
}

// groupLoadSheets gathers ratings into sheets; a later rating of the same
// indicator replaces the earlier one.
func groupLoadSheets(rs []model.Rating) loadSheets {
	var ls loadSheets
	idx := map[loadUnit]int{}
	for _, r := range rs {
		u := loadUnit{r.RaterRole, r.RaterID, r.StudentID}
		i, ok := idx[u]
		if !ok {
			i = len(ls.units)
			idx[u] = i
			ls.units = append(ls.units, u)
			ls.userOf = append(ls.userOf, r.RaterUserID)
			ls.when = append(ls.when, r.CreatedAt)
			ls.sheets = append(ls.sheets, nil)
			ls.counts = append(ls.counts, 0)
		}
		it := sheetItem{code: r.IndicatorCode, value: r.Value, level: r.Level, comment: r.Comment}
		ls.counts[i]++
		if k := slices.IndexFunc(ls.sheets[i], func(x sheetItem) bool { return x.code == it.code }); k >= 0 {
			ls.sheets[i][k] = it
			continue
		}
		ls.sheets[i] = append(ls.sheets[i], it)
	}
	return ls
}

// loadRows is the sheets per statement of LoadRatings: 12 columns × 500
// stays far below both engines' parameter limits (SQLite 32,766,
// PostgreSQL 65,535).
const loadRows = 500

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

// CycleSheets loads the current complete sheet of every rater and student
// of a cycle (drafts never count), as the engine reads them (no comments,
// no timestamps): the fast
// path of a recompute. Two queries: the counts, to allocate every item of
// the school in one slab, then the rows. Strings are interned.
func (s *Storage) CycleSheets(ctx context.Context, schoolID, cycleID int64) ([]eval.Sheet, error) {
	var n, items int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(item_count), 0) FROM rating_sheets
		WHERE school_id = $1 AND cycle_id = $2 AND superseded = FALSE AND complete = TRUE`, schoolID, cycleID).Scan(&n, &items); err != nil {
		return nil, fmt.Errorf("CycleSheets: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, rater_role, rater_id, student_id, items FROM rating_sheets
		WHERE school_id = $1 AND cycle_id = $2 AND superseded = FALSE AND complete = TRUE`, schoolID, cycleID)
	if err != nil {
		return nil, fmt.Errorf("CycleSheets: %w", err)
	}
	defer rows.Close()
	out := make([]eval.Sheet, 0, n)
	slab := make([]eval.SheetItem, 0, items)
	strs := interner{}
	var role, raw sql.RawBytes
	var sc sheetScanner
	for rows.Next() {
		sh := eval.Sheet{CycleID: cycleID}
		if err := rows.Scan(&sh.ID, &role, &sh.RaterID, &sh.StudentID, &raw); err != nil {
			return nil, fmt.Errorf("CycleSheets: %w", err)
		}
		sh.RaterRole = model.RaterRole(strs.get(role))
		from := len(slab)
		sc.start(raw)
		for {
			code, v, level, _, esc, ok := sc.next()
			if !ok {
				break
			}
			it := eval.SheetItem{IndicatorCode: strs.text(code, esc[0]), Value: v}
			if len(level) > 0 {
				it.Level = strs.text(level, esc[1])
			}
			slab = append(slab, it)
		}
		if sc.err != nil {
			return nil, fmt.Errorf("评分表 %d: %w", sh.ID, sc.err)
		}
		sh.Items = slab[from:len(slab):len(slab)]
		out = append(out, sh)
	}
	return out, rows.Err()
}

// CycleRatings loads every current rating of a cycle with the fields
// eval.Compute reads (no comment, no timestamps), one model.Rating per
// item of the current sheets, the sheet's ID as the rating's. The engine
// reads CycleSheets faster; this is the same data in the old shape.
func (s *Storage) CycleRatings(ctx context.Context, schoolID, cycleID int64) ([]model.Rating, error) {
	sheets, err := s.CycleSheets(ctx, schoolID, cycleID)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, sh := range sheets {
		n += len(sh.Items)
	}
	out := make([]model.Rating, 0, n)
	for _, sh := range sheets {
		for _, it := range sh.Items {
			out = append(out, model.Rating{ID: sh.ID, CycleID: cycleID, RaterRole: sh.RaterRole, RaterID: sh.RaterID, StudentID: sh.StudentID,
				IndicatorCode: it.IndicatorCode, Value: it.Value, Level: it.Level})
		}
	}
	return out, nil
}

// currentRatings reads the items of the current sheets a query selects
// (columns id, rater_role, rater_id, student_id, items, created_at), in
// the query's order, comments included.
func (s *Storage) currentRatings(ctx context.Context, schoolID, cycleID int64, q string, args ...any) ([]model.Rating, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("currentRatings: %w", err)
	}
	defer rows.Close()
	var out []model.Rating
	var raw sql.RawBytes
	for rows.Next() {
		r := model.Rating{SchoolID: schoolID, CycleID: cycleID}
		var role string
		if err := rows.Scan(&r.ID, &role, &r.RaterID, &r.StudentID, &raw, &r.CreatedAt); err != nil {
			return nil, fmt.Errorf("currentRatings: %w", err)
		}
		r.RaterRole, r.CreatedAt = model.RaterRole(role), r.CreatedAt.UTC()
		items, err := decodeSheet(raw)
		if err != nil {
			return nil, fmt.Errorf("评分表 %d: %w", r.ID, err)
		}
		for _, it := range items {
			r.IndicatorCode, r.Value, r.Level, r.Comment = it.code, it.value, it.level, it.comment
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// RatingsOfRater lists one rater's current ratings in a cycle (every item
// of the rater's current sheets), for the rating form. CreatedAt is the
// time of the sheet.
func (s *Storage) RatingsOfRater(ctx context.Context, schoolID, cycleID int64, role model.RaterRole, raterID int64) ([]model.Rating, error) {
	return s.currentRatings(ctx, schoolID, cycleID, `SELECT id, rater_role, rater_id, student_id, items, created_at FROM rating_sheets
		WHERE school_id = $1 AND cycle_id = $2 AND rater_role = $3 AND rater_id = $4 AND superseded = FALSE ORDER BY id`, schoolID, cycleID, string(role), raterID)
}

// RatingCount counts the ratings of a cycle as they were entered,
// corrections included: each sheet counts the items that were new or
// changed when it was written.
func (s *Storage) RatingCount(ctx context.Context, schoolID, cycleID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(changed), 0) FROM rating_sheets WHERE school_id = $1 AND cycle_id = $2`, schoolID, cycleID).Scan(&n)
	return n, err
}

// notAssigned is a Chinese refusal that errors.Is reports as ErrNotAssigned.
type notAssigned string

func (e notAssigned) Error() string        { return string(e) }
func (e notAssigned) Is(target error) bool { return target == ErrNotAssigned || target == ErrRefused }

// ClassRatings lists the current ratings of complete sheets of the
// students a cycle rates in one class, for the fairness view of that class.
func (s *Storage) ClassRatings(ctx context.Context, schoolID, cycleID, classID int64) ([]model.Rating, error) {
	return s.currentRatings(ctx, schoolID, cycleID, `SELECT r.id, r.rater_role, r.rater_id, r.student_id, r.items, r.created_at FROM rating_sheets r
		WHERE r.school_id = $1 AND r.cycle_id = $2 AND r.superseded = FALSE AND r.complete = TRUE AND r.student_id IN
		(SELECT t.student_id FROM rating_tasks t WHERE t.school_id = $1 AND t.cycle_id = $2 AND t.class_id = $3)
		ORDER BY r.id`, schoolID, cycleID, classID)
}

// SheetVersion is one version of a rater's sheet for one student: the
// whole sheet as it stood after one submission.
type SheetVersion struct {
	ID          int64          `json:"id"`
	RaterUserID int64          `json:"rater_user_id,omitempty"`
	Changed     int            `json:"changed"` // items new or different from the version before
	Superseded  bool           `json:"superseded"`
	CreatedAt   time.Time      `json:"created_at"`
	Ratings     []model.Rating `json:"ratings"`
}

// SheetHistory lists every version of one rater's sheet for one student,
// oldest first, for audit: corrections never erase what was entered
// before.
func (s *Storage) SheetHistory(ctx context.Context, schoolID, cycleID int64, role model.RaterRole, raterID, studentID int64) ([]SheetVersion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, COALESCE(rater_user_id, 0), changed, superseded, created_at, items FROM rating_sheets
		WHERE school_id = $1 AND cycle_id = $2 AND rater_role = $3 AND rater_id = $4 AND student_id = $5 ORDER BY id`,
		schoolID, cycleID, string(role), raterID, studentID)
	if err != nil {
		return nil, fmt.Errorf("SheetHistory: %w", err)
	}
	defer rows.Close()
	var out []SheetVersion
	for rows.Next() {
		var v SheetVersion
		var raw []byte
		if err := rows.Scan(&v.ID, &v.RaterUserID, &v.Changed, &v.Superseded, &v.CreatedAt, &raw); err != nil {
			return nil, fmt.Errorf("SheetHistory: %w", err)
		}
		v.CreatedAt = v.CreatedAt.UTC()
		items, err := decodeSheet(raw)
		if err != nil {
			return nil, fmt.Errorf("评分表 %d: %w", v.ID, err)
		}
		for _, it := range items {
			v.Ratings = append(v.Ratings, model.Rating{ID: v.ID, SchoolID: schoolID, CycleID: cycleID, RaterRole: role, RaterID: raterID, RaterUserID: v.RaterUserID,
				StudentID: studentID, IndicatorCode: it.code, Value: it.value, Level: it.level, Comment: it.comment, CreatedAt: v.CreatedAt})
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
