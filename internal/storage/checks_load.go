package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
)

// CheckLoadEntry is one entry of a bulk load: the demo's term of daily
// checks, written without one transaction per save.
type CheckLoadEntry struct {
	Day       string
	ItemID    int64
	ClassID   int64
	Points    float64
	Reason    string
	By        model.Actor
	ByCouncil bool
}

// checkLoadChunk rows per INSERT: 11 values each stays far below either
// engine's limit of bound parameters.
const checkLoadChunk = 200

// LoadChecks writes a term of checks in one transaction: the entries, the
// published days, and the 流动红旗 of every week that is over (its Friday
// published, or a later week published), awarded as PublishCheckDay or
// 颁发 would, with one audit line for the load and one per award. Entries
// are trusted (the caller built them from the school's own items and
// classes); a bad one fails the whole load.
func (s *Storage) LoadChecks(ctx context.Context, schoolID int64, a model.Actor, entries []CheckLoadEntry, published []string) (flags int, err error) {
	for i, e := range entries {
		if err := checkEntryText(e.Points, e.Reason); err != nil {
			return 0, fmt.Errorf("第 %d 条：%w", i+1, err)
		}
	}
	err = s.InTx(ctx, func(tx *sql.Tx) error {
		at := now()
		for from := 0; from < len(entries); from += checkLoadChunk {
			chunk := entries[from:min(from+checkLoadChunk, len(entries))]
			rows := make([]string, len(chunk))
			args := make([]any, 0, len(chunk)*11)
			for i, e := range chunk {
				n := len(args)
				ph := make([]string, 11)
				for k := range ph {
					ph[k] = "$" + itoa(n+k+1)
				}
				rows[i] = "(" + strings.Join(ph, ", ") + ")"
				args = append(args, schoolID, e.Day, e.ItemID, e.ClassID, e.Points, e.Reason, nullInt(e.By.UserID), e.By.Username, e.ByCouncil, true, at)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO check_entries (school_id, day, item_id, class_id, points, reason, entered_by, entered_name, by_council, confirmed, created_at) VALUES `+
				strings.Join(rows, ", "), args...); err != nil {
				return fmt.Errorf("check entries load: %w", err)
			}
		}
		weeks, last := map[string]bool{}, ""
		for _, d := range published {
			last = max(last, d)
		}
		for _, d := range published {
			if _, err := tx.ExecContext(ctx, `INSERT INTO check_days (school_id, day, published_by, published_at) VALUES ($1, $2, $3, $4)`, schoolID, d, nullInt(a.UserID), at); err != nil {
				return fmt.Errorf("check days load: %w", err)
			}
			if w := conduct.WeekOf(d); weekEnds(d) || w < conduct.WeekOf(last) {
				weeks[w] = true
			}
		}
		for w := range weeks {
			n, err := s.awardFlags(ctx, tx, schoolID, a, w)
			if err != nil {
				return err
			}
			flags += n
		}
		return s.audit(ctx, tx, schoolID, a, "bulk_load", "check_entry", 0, nil, map[string]any{"entries": len(entries), "days": len(published), "flags": flags})
	})
	return flags, checkErr("load checks", err)
}
