package storage

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
)

// BulkWriter is a second pool on the same PostgreSQL database for
// generating many whole schools at once (the demo's scale path). Its
// sessions run with session_replication_role = replica, which skips the
// per-row foreign-key triggers: every row written to a table with foreign
// keys otherwise runs one small query per key through the server's SPI
// executor, and that was 60% of PostgreSQL's time on a demo school (about
// 0.9 of its 1.5 CPU seconds). The references are not left unchecked:
// CheckSchool tests every foreign key of every row of a school in one
// set-based statement (an anti-join per key), and the caller runs it on
// each school it wrote, refusing the run if anything dangles.
//
// Nothing else changes: the same statements, the same transactions, the
// same durability (commits still wait for the WAL flush). Unique and
// check constraints and indexes stay in force. Only a superuser may set
// the role, and in that mode ordinary triggers would be skipped too, so
// OpenBulkWriter gives nil (write as usual) on SQLite, without superuser
// rights, or when the schema has triggers of its own.
type BulkWriter struct {
	*Storage
	check string // CheckSchool's statement
}

// OpenBulkWriter opens the writer pool, or returns nil when it cannot be
// used (see BulkWriter). Close it after use.
func (s *Storage) OpenBulkWriter(ctx context.Context) (*BulkWriter, error) {
	if s.dialect != Postgres {
		return nil, nil
	}
	var super string
	var triggers bool
	err := s.db.QueryRowContext(ctx, `SELECT current_setting('is_superuser'),
		EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		        WHERE NOT t.tgisinternal AND n.nspname = current_schema())`).Scan(&super, &triggers)
	if err != nil {
		return nil, fmt.Errorf("OpenBulkWriter: %w", err)
	}
	if super != "on" || triggers {
		return nil, nil
	}
	check, err := s.referenceCheck(ctx)
	if err != nil || check == "" {
		return nil, err
	}
	u, err := url.Parse(s.dsn)
	if err != nil {
		return nil, fmt.Errorf("OpenBulkWriter: %w", err)
	}
	q := u.Query()
	q.Set("session_replication_role", "replica") // a startup parameter of every session
	u.RawQuery = q.Encode()
	w, err := Open(ctx, u.String())
	if err != nil {
		if w != nil {
			w.Close()
		}
		return nil, fmt.Errorf("OpenBulkWriter: %w", err)
	}
	return &BulkWriter{Storage: w, check: check}, nil
}

// referenceCheck builds one statement that lists the foreign keys of the
// current schema that some row of school $1 breaks. Each key is an EXISTS
// over the school's rows with an anti-join to the parent; the parents are
// keyed by (school_id, id), so the planner reads only that school's rows
// of either side. MATCH SIMPLE: a row with a NULL in the key refers to
// nothing. The schools table itself has no school_id: its row is id $1.
func (s *Storage) referenceCheck(ctx context.Context) (string, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT c.conname, quote_ident(cr.relname), quote_ident(pr.relname), c.confmatchtype,
		       (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
		          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n),
		       (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
		          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n),
		       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attname = 'school_id' AND NOT a.attisdropped)
		FROM pg_constraint c
		JOIN pg_class cr ON cr.oid = c.conrelid JOIN pg_class pr ON pr.oid = c.confrelid
		JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE c.contype = 'f' AND n.nspname = current_schema()
		ORDER BY cr.relname, c.conname`)
	if err != nil {
		return "", fmt.Errorf("referenceCheck: %w", err)
	}
	defer rows.Close()
	var parts []string
	for rows.Next() {
		var name, child, parent, match, cols, refs string
		var bySchool bool
		if err := rows.Scan(&name, &child, &parent, &match, &cols, &refs, &bySchool); err != nil {
			return "", fmt.Errorf("referenceCheck: %w", err)
		}
		if match != "s" { // MATCH FULL or PARTIAL: not checked here, so not skipped either
			return "", nil
		}
		where := "c.school_id = $1"
		if !bySchool {
			if child != "schools" {
				return "", nil // a table this check cannot limit to one school
			}
			where = "c.id = $1"
		}
		if bySchool && cols == "school_id" && parent == "schools" {
			// Every row of school $1 refers to school $1: one lookup
			// below says whether it exists, for all of them.
			continue
		}
		cs, ps := strings.Split(cols, ","), strings.Split(refs, ",")
		var join []string
		for i, col := range cs {
			where += " AND c." + col + " IS NOT NULL"
			join = append(join, "p."+ps[i]+" = c."+col)
		}
		parts = append(parts, fmt.Sprintf("SELECT %s WHERE EXISTS (SELECT 1 FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s))",
			quoteLiteral(child+": "+name), child, where, parent, strings.Join(join, " AND ")))
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("referenceCheck: %w", err)
	}
	parts = append(parts, "SELECT 'schools: missing' WHERE NOT EXISTS (SELECT 1 FROM schools WHERE id = $1) AND $1 <> 0")
	return strings.Join(parts, "\nUNION ALL "), nil
}

// quoteLiteral quotes s as an SQL string literal.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// CheckSchool fails when a row of the school (0: the platform's rows)
// refers to a row that does not exist, naming the tables and keys.
//
// Nested loops are turned off for the statement: a freshly loaded table's
// statistics (until ANALYZE) say it holds a few hundred rows, and the
// planner then loops over all of a parent's rows for every child row
// (1.5 s for one key of a school); a merge or hash anti-join reads each
// side once.
func (w *BulkWriter) CheckSchool(ctx context.Context, schoolID int64) error {
	tx, err := w.Storage.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("CheckSchool: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SET LOCAL enable_nestloop = off`); err != nil {
		return fmt.Errorf("CheckSchool: %w", err)
	}
	rows, err := tx.QueryContext(ctx, w.check, schoolID)
	if err != nil {
		return fmt.Errorf("CheckSchool: %w", err)
	}
	defer rows.Close()
	var broken []string
	for rows.Next() {
		var b sql.NullString
		if err := rows.Scan(&b); err != nil {
			return fmt.Errorf("CheckSchool: %w", err)
		}
		broken = append(broken, b.String)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("CheckSchool: %w", err)
	}
	if len(broken) > 0 {
		return fmt.Errorf("学校 %d 的数据引用了不存在的记录（外键 foreign keys broken）: %s", schoolID, strings.Join(broken, "; "))
	}
	return nil
}
