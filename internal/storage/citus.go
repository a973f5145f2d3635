package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A city or a country outgrows one PostgreSQL. Citus spreads the tables
// of a PostgreSQL database over worker nodes by one column: Zhijiao's
// tables are distributed by school_id, so every request of a school runs
// on one node, and a district's figures are aggregated per node. The plan
// is read from the catalog of a migrated database, so a new table or key
// that Citus would refuse is found by `zhijiao migrate --print-citus` and
// by the test, not on a city's cluster.

// CitusReferenceTables belong to no school and are read by every school's
// requests: Citus copies them to every node.
var CitusReferenceTables = []string{"districts", "schools", "role_permissions", "global_keys"}

// CitusCoordinatorTables belong to no school and are only read by the
// application server, one row at a time: they stay on the coordinator.
// district_jobs holds one row per district recompute (its per-school
// progress rows are distributed).
var CitusCoordinatorTables = []string{"sessions", "schema_migrations", "district_jobs"}

// CitusKind is where a table lives on a Citus cluster.
type CitusKind string

const (
	CitusDistributed CitusKind = "distributed" // sharded by school_id, colocated
	CitusReference   CitusKind = "reference"   // copied to every node
	CitusCoordinator CitusKind = "coordinator" // stays on the coordinator
)

// CitusTable is one table of the plan.
type CitusTable struct {
	Name  string
	Kind  CitusKind
	Rows  int64 // rows now
	Bytes int64 // table, indexes and TOAST now
	// Refs are the tables its foreign keys point to.
	Refs []string
}

// CitusPlan is every table of the schema in the order a cluster must
// create them: a table comes after every table it references.
type CitusPlan struct {
	Version int
	Schools int64 // schools in the database the figures were read from
	Tables  []CitusTable
}

// foreignKey is one foreign key as the catalog gives it.
type foreignKey struct {
	from, to           string
	fromCols, toCols   []string
	onDelete, onUpdate string // pg_constraint's action letters
}

// ReadCitusPlan reads the plan from a migrated PostgreSQL database and
// refuses a schema Citus would refuse: a school-owned table without
// school_id, a unique key not led by school_id, a foreign key between
// school-owned tables that does not carry school_id to school_id, one that
// would set school_id to NULL, or a platform table pointing at a
// school-owned one.
func (s *Storage) ReadCitusPlan(ctx context.Context) (CitusPlan, error) {
	var p CitusPlan
	if s.dialect != Postgres {
		return p, errors.New("Citus 方案需要 PostgreSQL 数据库（--db postgres://…）/ the Citus plan needs a PostgreSQL database")
	}
	var err error
	if p.Version, err = s.SchemaVersion(ctx); err != nil {
		return p, err
	}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schools`).Scan(&p.Schools); err != nil {
		return p, fmt.Errorf("ReadCitusPlan: %w", err)
	}
	tables, err := s.citusTables(ctx)
	if err != nil {
		return p, err
	}
	keys, err := s.citusForeignKeys(ctx)
	if err != nil {
		return p, err
	}
	var problems []string
	if bad, err := s.citusUniqueKeys(ctx, tables); err != nil {
		return p, err
	} else {
		problems = append(problems, bad...)
	}
	problems = append(problems, checkCitusForeignKeys(tables, keys)...)
	if len(problems) > 0 {
		return p, fmt.Errorf("数据库结构不能按学校分布 / the schema cannot be distributed by school:\n  %s", strings.Join(problems, "\n  "))
	}
	for _, k := range keys {
		t := tables[k.from]
		if k.to != k.from && !slices.Contains(t.Refs, k.to) {
			t.Refs = append(t.Refs, k.to)
		}
	}
	p.Tables, err = citusOrder(tables)
	return p, err
}

// citusTables reads every table of the schema with its kind and size.
// Rows are counted exactly: the plan is printed once, and estimates of
// tables never analysed say -1.
func (s *Storage) citusTables(ctx context.Context) (map[string]*CitusTable, error) {
	out := map[string]*CitusTable{}
	var missing []string
	err := scanAll(ctx, s.db, `SELECT c.relname, pg_total_relation_size(c.oid),
		EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'school_id' AND NOT a.attisdropped)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'r' AND n.nspname = current_schema()`, nil, func(r *sql.Rows) error {
		t := &CitusTable{Kind: CitusDistributed}
		var hasSchool bool
		if err := r.Scan(&t.Name, &t.Bytes, &hasSchool); err != nil {
			return err
		}
		switch {
		case slices.Contains(CitusReferenceTables, t.Name):
			t.Kind = CitusReference
		case slices.Contains(CitusCoordinatorTables, t.Name):
			t.Kind = CitusCoordinator
		case !hasSchool:
			missing = append(missing, t.Name)
		}
		out[t.Name] = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ReadCitusPlan: %w", err)
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("这些表没有 school_id，也不是平台表 / these tables have no school_id and are not platform tables: %s", strings.Join(missing, ", "))
	}
	for _, t := range out {
		// Table names come from the catalog, not from a user.
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+quoteIdent(t.Name)).Scan(&t.Rows); err != nil {
			return nil, fmt.Errorf("ReadCitusPlan: counting %s: %w", t.Name, err)
		}
	}
	return out, nil
}

// citusUniqueKeys names each unique key of a distributed table that does
// not lead with school_id: Citus can only check a key inside one shard.
func (s *Storage) citusUniqueKeys(ctx context.Context, tables map[string]*CitusTable) ([]string, error) {
	var bad []string
	err := scanAll(ctx, s.db, `SELECT t.relname, i.relname,
		COALESCE((SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = x.indkey[0]), '')
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
		JOIN pg_namespace n ON n.oid = t.relnamespace
		WHERE x.indisunique AND n.nspname = current_schema() ORDER BY 1, 2`, nil, func(r *sql.Rows) error {
		var table, index, first string
		if err := r.Scan(&table, &index, &first); err != nil {
			return err
		}
		if t := tables[table]; t != nil && t.Kind == CitusDistributed && first != "school_id" {
			bad = append(bad, fmt.Sprintf("%s: 唯一键 %s 不以 school_id 开头 / unique key %s does not lead with school_id", table, index, index))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ReadCitusPlan: %w", err)
	}
	return bad, nil
}

// citusForeignKeys reads every foreign key with its columns in order.
func (s *Storage) citusForeignKeys(ctx context.Context) ([]foreignKey, error) {
	var out []foreignKey
	err := scanAll(ctx, s.db, `SELECT c.conrelid::regclass::text, c.confrelid::regclass::text,
		(SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
			JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n),
		(SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
			JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n),
		c.confdeltype, c.confupdtype
		FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE c.contype = 'f' AND n.nspname = current_schema() ORDER BY 1, 2, 3`, nil, func(r *sql.Rows) error {
		var k foreignKey
		var from, to string
		if err := r.Scan(&k.from, &k.to, &from, &to, &k.onDelete, &k.onUpdate); err != nil {
			return err
		}
		k.fromCols, k.toCols = strings.Split(from, ","), strings.Split(to, ",")
		out = append(out, k)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ReadCitusPlan: %w", err)
	}
	return out, nil
}

// checkCitusForeignKeys names each foreign key Citus would refuse.
func checkCitusForeignKeys(tables map[string]*CitusTable, keys []foreignKey) []string {
	var bad []string
	for _, k := range keys {
		from, to := tables[k.from], tables[k.to]
		if from == nil || to == nil {
			continue
		}
		say := func(zh, en string) {
			bad = append(bad, fmt.Sprintf("%s → %s: %s / %s", k.from, k.to, zh, en))
		}
		switch {
		case from.Kind == CitusCoordinator || to.Kind == CitusCoordinator:
			say("协调节点上的表不能有外键关系", "a coordinator-only table takes part in no foreign key")
		case from.Kind == CitusReference && to.Kind == CitusDistributed:
			say("平台表不能引用学校的表", "a reference table cannot point at a distributed one")
		case from.Kind == CitusDistributed && to.Kind == CitusDistributed:
			at := slices.Index(k.fromCols, "school_id")
			if at < 0 || at >= len(k.toCols) || k.toCols[at] != "school_id" {
				say("外键必须以 school_id 对应 school_id", "the key must carry school_id to school_id")
			} else if strings.ContainsAny(k.onDelete+k.onUpdate, "nd") {
				say("外键不能把 school_id 置空或置默认值", "the key must not set school_id to NULL or its default")
			}
		}
	}
	return bad
}

// citusOrder puts reference tables first, then distributed tables, each
// after the tables it references (a cluster refuses a key to a table not
// yet distributed), then coordinator tables; ties go by name so the
// script is the same every time.
func citusOrder(tables map[string]*CitusTable) ([]CitusTable, error) {
	var out []CitusTable
	done := map[string]bool{}
	for _, kind := range []CitusKind{CitusReference, CitusDistributed, CitusCoordinator} {
		var todo []string
		for name, t := range tables {
			if t.Kind == kind {
				todo = append(todo, name)
			}
		}
		slices.Sort(todo)
		for len(todo) > 0 {
			next := slices.IndexFunc(todo, func(name string) bool {
				return !slices.ContainsFunc(tables[name].Refs, func(ref string) bool { return !done[ref] })
			})
			if next < 0 {
				return nil, fmt.Errorf("这些表的外键成环，无法排序 / these tables' keys form a cycle: %s", strings.Join(todo, ", "))
			}
			name := todo[next]
			t := tables[name]
			slices.Sort(t.Refs)
			out = append(out, *t)
			done[name] = true
			todo = slices.Delete(todo, next, next+1)
		}
	}
	return out, nil
}

// quoteIdent quotes a PostgreSQL identifier.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
