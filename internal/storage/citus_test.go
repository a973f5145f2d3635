package storage_test

import (
	"context"
	"strings"
	"testing"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// citusStandIns stand in for Citus's two functions on a plain
// PostgreSQL and check what Citus checks when a table is distributed:
// the distribution column exists, unique keys lead with it, a key to a
// distributed table carries it to it and points at a table already
// distributed, a reference table points only at reference tables, and
// colocation names a table already distributed.
const citusStandIns = `
CREATE TABLE citus_done (name text PRIMARY KEY, kind text NOT NULL)
--
CREATE FUNCTION create_reference_table(t regclass) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE bad text;
BEGIN
	SELECT c.confrelid::regclass::text INTO bad FROM pg_constraint c
	WHERE c.contype = 'f' AND c.conrelid = t AND c.confrelid <> t
		AND NOT EXISTS (SELECT 1 FROM citus_done d WHERE d.name = c.confrelid::regclass::text AND d.kind = 'reference');
	IF bad IS NOT NULL THEN RAISE EXCEPTION 'reference table % points at %, not a reference table yet', t, bad; END IF;
	INSERT INTO citus_done VALUES (t::text, 'reference');
END $f$
--
CREATE FUNCTION create_distributed_table(t regclass, col text, colocate_with text) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE bad text;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t AND attname = col AND NOT attisdropped) THEN
		RAISE EXCEPTION '% has no column %', t, col;
	END IF;
	IF colocate_with = 'none' THEN
		IF EXISTS (SELECT 1 FROM citus_done WHERE kind = 'distributed') THEN RAISE EXCEPTION '% starts a second colocation group', t; END IF;
	ELSIF NOT EXISTS (SELECT 1 FROM citus_done WHERE name = colocate_with AND kind = 'distributed') THEN
		RAISE EXCEPTION '% colocates with %, not distributed yet', t, colocate_with;
	END IF;
	SELECT i.relname INTO bad FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
	WHERE x.indrelid = t AND x.indisunique
		AND (SELECT attname FROM pg_attribute WHERE attrelid = t AND attnum = x.indkey[0]) IS DISTINCT FROM col;
	IF bad IS NOT NULL THEN RAISE EXCEPTION 'unique key % of % does not lead with %', bad, t, col; END IF;
	SELECT c.confrelid::regclass::text INTO bad FROM pg_constraint c
	WHERE c.contype = 'f' AND c.conrelid = t AND c.confrelid <> t AND NOT EXISTS (SELECT 1 FROM citus_done d WHERE d.name = c.confrelid::regclass::text);
	IF bad IS NOT NULL THEN RAISE EXCEPTION '% points at %, not distributed or reference yet', t, bad; END IF;
	SELECT c.conname INTO bad FROM pg_constraint c JOIN citus_done d ON d.name = c.confrelid::regclass::text AND d.kind = 'distributed'
	WHERE c.contype = 'f' AND c.conrelid = t AND NOT EXISTS (
		SELECT 1 FROM unnest(c.conkey, c.confkey) k(a, b)
		WHERE (SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = k.a) = col
			AND (SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = k.b) = col);
	IF bad IS NOT NULL THEN RAISE EXCEPTION 'key % of % does not carry %', bad, t, col; END IF;
	INSERT INTO citus_done VALUES (t::text, 'distributed');
END $f$`

// The script `zhijiao migrate --print-citus` prints runs, statement by
// statement, against stand-ins that refuse what Citus refuses, and every
// table ends up distributed or a reference table, except the two that stay
// on the coordinator.
func TestCitusScriptRuns(t *testing.T) {
	st := testdb.Postgres(t)
	ctx := context.Background()
	plan, err := st.ReadCitusPlan(ctx)
	must(t, err)
	script := plan.CitusScript(7000, 64)
	for _, stmt := range strings.Split(citusStandIns, "\n--\n") {
		_, err := st.DB().ExecContext(ctx, stmt)
		must(t, err)
	}
	ran := 0
	for _, line := range strings.Split(script, "\n") {
		if line == "" || strings.HasPrefix(line, "--") || line == storage.CitusExtension {
			continue
		}
		if _, err := st.DB().ExecContext(ctx, line); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		ran++
	}
	var distributed, reference int
	must(t, st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE kind = 'distributed'), COUNT(*) FILTER (WHERE kind = 'reference') FROM citus_done`).Scan(&distributed, &reference))
	if reference != len(storage.CitusReferenceTables) || distributed < 40 {
		t.Fatalf("%d reference and %d distributed tables after %d statements:\n%s", reference, distributed, ran, script)
	}
	for _, tbl := range plan.Tables {
		if tbl.Kind == storage.CitusCoordinator {
			continue
		}
		var kind string
		if err := st.DB().QueryRowContext(ctx, `SELECT kind FROM citus_done WHERE name = $1`, tbl.Name).Scan(&kind); err != nil || kind != string(tbl.Kind) {
			t.Errorf("%s: planned %s, script made it %q (%v)", tbl.Name, tbl.Kind, kind, err)
		}
	}
}

// A table Citus would refuse stops the plan, with the table named.
func TestCitusPlanRefusesWhatCitusRefuses(t *testing.T) {
	cases := []struct{ name, ddl, want string }{
		{"no school", `CREATE TABLE loose_notes (id bigint PRIMARY KEY)`, "loose_notes"},
		{"unique key", `CREATE TABLE lone_keys (school_id bigint NOT NULL, id bigint PRIMARY KEY)`, "lone_keys"},
		{"key not by school", `CREATE TABLE crossed (school_id bigint NOT NULL, id bigint NOT NULL, PRIMARY KEY (school_id, id),
			FOREIGN KEY (id, school_id) REFERENCES students (school_id, id))`, "crossed → students"},
		{"platform to school", `ALTER TABLE districts ADD COLUMN head_student bigint, ADD COLUMN head_school bigint,
			ADD FOREIGN KEY (head_school, head_student) REFERENCES students (school_id, id)`, "districts → students"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := testdb.Postgres(t)
			ctx := context.Background()
			_, err := st.DB().ExecContext(ctx, c.ddl)
			must(t, err)
			_, err = st.ReadCitusPlan(ctx)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want a refusal naming %q, got %v", c.want, err)
			}
		})
	}
}

// The sizing scales each table's rows and bytes from the schools read to
// the schools asked for; the shipped permissions do not grow.
func TestCitusSizing(t *testing.T) {
	plan := storage.CitusPlan{Version: 9, Schools: 2, Tables: []storage.CitusTable{
		{Name: "role_permissions", Kind: storage.CitusReference, Rows: 300, Bytes: 1 << 20},
		{Name: "students", Kind: storage.CitusDistributed, Rows: 6000, Bytes: 4 << 20},
	}}
	script := plan.CitusScript(7000, 64)
	rows := map[string][]string{}
	for _, line := range strings.Split(script, "\n") {
		if f := strings.Fields(line); len(f) == 8 && f[0] == "--" {
			rows[f[1]] = f[2:]
		}
	}
	// kind, rows now, rows per school, rows at 7000, size at 7000
	if got := strings.Join(rows["students"], " "); got != "distributed 6000 3000.0 21000000 13.7 GB" {
		t.Errorf("students: %q\n%s", got, script)
	}
	if got := strings.Join(rows["role_permissions"], " "); got != "reference 300 150.0 300 1.0 MB" {
		t.Errorf("role_permissions should not grow with schools: %q\n%s", got, script)
	}
	if !strings.Contains(script, "create_distributed_table('students', 'school_id', colocate_with => 'none')") {
		t.Errorf("the first distributed table starts the colocation group:\n%s", script)
	}
}
