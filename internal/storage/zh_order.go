package storage

import (
	"context"

	"modernc.org/sqlite"

	"zhijiao/internal/zhsort"
)

// Names are listed by pinyin (zhsort) on both engines: SQLite gets the Go
// collator as the collation "zh"; PostgreSQL uses ICU's zh-Hans collation,
// which Debian's and most builds carry. A PostgreSQL built without ICU
// sorts by code point, as before (Open logs it).
func init() { sqlite.MustRegisterCollationUtf8("zh", zhsort.Compare) }

// pgZhCollation is the ICU collation Open looks for on PostgreSQL.
const pgZhCollation = "zh-Hans-x-icu"

// detectZhCollation says whether PostgreSQL has the ICU collation.
func (s *Storage) detectZhCollation(ctx context.Context) bool {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_collation WHERE collname = $1`, pgZhCollation).Scan(&n)
	return err == nil && n > 0
}

// zh is an ORDER BY term sorting the text column col by pinyin.
func (s *Storage) zh(col string) string {
	switch {
	case s.dialect == SQLite:
		return col + " COLLATE zh"
	case s.zhICU:
		return col + ` COLLATE "` + pgZhCollation + `"`
	}
	return col
}
