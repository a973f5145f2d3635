package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"zhijiao/internal/portrait"
)

// KPISummaryInputs is the district view's read: the same counts as
// KPIInputsBySchool (the scan, kept as the reference), added up from
// kpi_summaries, a few rows per school. asOf is the time up to which every
// figure is exact: now when no school is behind, else the oldest refresh
// among the schools that are. A school never refreshed yet is read by the
// scan, so it is never shown empty. The sums are kept until a summary
// changes (kpi_summary_cache.go): callers must not modify the Inputs.
func (s *Storage) KPISummaryInputs(ctx context.Context, schoolIDs []int64, p portrait.Period) (map[int64]*portrait.Inputs, time.Time, error) {
	return s.kpiSummaryInputs(ctx, schoolIDs, p, true)
}

// KPISummaryInputsUncached adds the summaries up again, whatever is kept:
// the benchmark's figure for the read itself, and the tests' reference.
func (s *Storage) KPISummaryInputsUncached(ctx context.Context, schoolIDs []int64, p portrait.Period) (map[int64]*portrait.Inputs, time.Time, error) {
	return s.kpiSummaryInputs(ctx, schoolIDs, p, false)
}

func (s *Storage) kpiSummaryInputs(ctx context.Context, schoolIDs []int64, p portrait.Period, cached bool) (map[int64]*portrait.Inputs, time.Time, error) {
	asOf := now()
	if len(schoolIDs) == 0 {
		return map[int64]*portrait.Inputs{}, asOf, nil
	}
	behind, never, err := s.kpiBehind(ctx, schoolIDs)
	if err != nil {
		return nil, asOf, err
	}
	if !behind.IsZero() && behind.Before(asOf) {
		asOf = behind
	}
	// Only reads without a scanned school are kept: a scan is as of now.
	keep := cached && len(never) == 0
	var key, stamp string
	if keep {
		if stamp, err = s.summaryStamp(ctx); err != nil {
			return nil, asOf, err
		}
		key = summaryReadKey(schoolIDs, p)
		if by, ok := s.summaries.get(key, stamp); ok {
			return by, asOf, nil
		}
	}
	out, err := s.sumSummaries(ctx, schoolIDs, p)
	if err != nil {
		return nil, asOf, err
	}
	if len(never) > 0 {
		scanned, err := s.KPIInputsBySchool(ctx, never, p)
		if err != nil {
			return nil, asOf, err
		}
		for id, in := range scanned {
			out[id] = in
		}
	}
	if keep {
		s.summaries.put(key, stamp, out)
	}
	return out, asOf, nil
}

// sumSummaries adds up the schools' summary rows of the period.
func (s *Storage) sumSummaries(ctx context.Context, schoolIDs []int64, p portrait.Period) (map[int64]*portrait.Inputs, error) {
	out := make(map[int64]*portrait.Inputs, len(schoolIDs))
	for _, id := range schoolIDs {
		out[id] = &portrait.Inputs{}
	}
	day := groupDate(p)
	w := schoolsWhere("school_id", schoolIDs)
	// The 师资 rows are added up by sumStaff: their states need every row
	// up to the period's end.
	w.conds = append(w.conds, summaryPeriod(w, p), "kind NOT LIKE 'staff%'")
	err := scanAll(ctx, s.db, `SELECT school_id, kind, a, b, flag, CAST(SUM(n) AS BIGINT) FROM kpi_summaries`+w.sql()+`
		GROUP BY school_id, kind, a, b, flag`, w.args, func(r *sql.Rows) error {
		var school int64
		var kind, a, b string
		var flag, n int
		if err := r.Scan(&school, &kind, &a, &b, &flag, &n); err != nil {
			return err
		}
		if x := out[school]; x != nil {
			addCounted(x, kind, a, b, flag, n, day)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("KPISummaryInputs: %w", err)
	}
	if err := s.sumStaff(ctx, schoolIDs, p, out); err != nil {
		return nil, err
	}
	return out, nil
}

// kpiBehind finds which of the schools have marks: the oldest refresh of
// those ever refreshed, and those never refreshed.
func (s *Storage) kpiBehind(ctx context.Context, schoolIDs []int64) (oldest time.Time, never []int64, err error) {
	w := schoolsWhere("d.school_id", schoolIDs)
	err = scanAll(ctx, s.db, `SELECT DISTINCT d.school_id, st.refreshed_at FROM kpi_summary_dirty d
		LEFT JOIN kpi_summary_state st ON st.school_id = d.school_id`+w.sql(), w.args, func(r *sql.Rows) error {
		var id int64
		var at sql.NullTime
		if err := r.Scan(&id, &at); err != nil {
			return err
		}
		switch {
		case !at.Valid:
			never = append(never, id)
		case oldest.IsZero() || at.Time.Before(oldest):
			oldest = at.Time
		}
		return nil
	})
	if err != nil {
		return oldest, nil, fmt.Errorf("kpiBehind: %w", err)
	}
	return oldest, never, nil
}

// summaryPeriod is the condition that adds up a period exactly: month rows
// for the whole months inside it, day rows for the days before the first
// whole month and after the last.
func summaryPeriod(w *where, p portrait.Period) string {
	lo, hi := wholeMonths(p)
	bound := func(col, op, v string) string {
		w.args = append(w.args, v)
		return " AND " + col + " " + op + " $" + itoa(len(w.args))
	}
	if p.From != "" && p.To != "" && lo >= hi {
		return "(grain = 'd'" + bound("day", ">=", p.From) + bound("day", "<=", p.To) + ")"
	}
	months := "(grain = 'm'"
	if lo != "" {
		months += bound("day", ">=", lo)
	}
	if hi != "" {
		months += bound("day", "<", hi)
	}
	parts := months + ")"
	if p.From != "" && p.From < lo {
		parts += " OR (grain = 'd'" + bound("day", ">=", p.From) + bound("day", "<", lo) + ")"
	}
	if p.To != "" && hi <= p.To {
		parts += " OR (grain = 'd'" + bound("day", ">=", hi) + bound("day", "<=", p.To) + ")"
	}
	return "(" + parts + ")"
}

// wholeMonths is [lo, hi): the first day of the first month wholly inside
// the period and the first day after its last; "" where the period is open.
func wholeMonths(p portrait.Period) (lo, hi string) {
	if t, err := time.Parse("2006-01-02", p.From); err == nil {
		if t.Day() != 1 {
			t = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
		}
		lo = t.Format("2006-01-02")
	}
	if t, err := time.Parse("2006-01-02", p.To); err == nil {
		next := t.AddDate(0, 0, 1)
		if next.Day() != 1 {
			next = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		hi = next.Format("2006-01-02")
	}
	return lo, hi
}
