package storage_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// platformTables belong to no school: on Citus they are reference tables
// (schools, districts, role_permissions, global_keys) or stay on the
// coordinator (sessions, schema_migrations). docs/architecture.md says
// which and why.
var platformTables = []string{"schools", "districts", "role_permissions", "global_keys", "sessions", "schema_migrations",
	"district_jobs"} // one row per district recompute, on the coordinator (migration 0018)

// Every other table can be distributed by school_id on Citus only if it
// has school_id and every unique key (primary key included) leads with it:
// Citus refuses a unique key it cannot check inside one shard. The test
// reads the PostgreSQL catalog, so a new table or index that breaks the
// rule fails here, not on a city's cluster.
func TestEveryUniqueKeyLeadsWithSchool(t *testing.T) {
	st := testdb.Postgres(t)
	ctx := context.Background()
	rows, err := st.DB().QueryContext(ctx, `SELECT c.relname,
		EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'school_id' AND NOT a.attisdropped)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY c.relname`)
	must(t, err)
	var tables []string
	for rows.Next() {
		var name string
		var hasSchool bool
		must(t, rows.Scan(&name, &hasSchool))
		if slices.Contains(platformTables, name) {
			continue
		}
		tables = append(tables, name)
		if !hasSchool {
			t.Errorf("table %s has no school_id: add it, or list it as a platform table and document why", name)
		}
	}
	rows.Close()
	if len(tables) < 30 {
		t.Fatalf("only %d tables found: the catalog query reads the wrong schema", len(tables))
	}
	rows, err = st.DB().QueryContext(ctx, `SELECT t.relname, i.relname,
		(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = x.indkey[0])
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
		JOIN pg_namespace n ON n.oid = t.relnamespace
		WHERE x.indisunique AND n.nspname = current_schema() ORDER BY 1, 2`)
	must(t, err)
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var table, index string
		var first *string
		must(t, rows.Scan(&table, &index, &first))
		if slices.Contains(platformTables, table) {
			continue
		}
		checked++
		if first == nil || *first != "school_id" {
			lead := "an expression"
			if first != nil {
				lead = *first
			}
			t.Errorf("unique key %s on %s leads with %s, not school_id: Citus cannot distribute it (key it per school, and claim a platform-wide key in global_keys)", index, table, lead)
		}
	}
	must(t, rows.Err())
	if checked < 30 {
		t.Fatalf("only %d unique keys checked", checked)
	}
}

// With the single-column unique keys gone on PostgreSQL, global_keys is
// what keeps a login name, a token, a report code and a survey link
// unique across schools; lookups that start without a school still find
// the right one.
func TestPlatformWideKeys(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		a := testfix.Build(t, st, "ka", false)
		b := testfix.Build(t, st, "kb", false)
		admin := a.Users[model.RoleSchoolAdmin]
		twin := model.User{Username: admin.Username, DisplayName: "冒名", PasswordHash: "h", Roles: []string{model.RoleSchoolAdmin}}
		if err := st.CreateUser(ctx, b.School.ID, model.SystemActor, &twin); err == nil {
			t.Fatal("another school took an existing login name")
		}
		got, err := st.UserByUsername(ctx, strings.ToUpper(admin.Username))
		if err != nil || got.ID != admin.ID || got.SchoolID != a.School.ID {
			t.Fatalf("login lookup: %+v %v", got, err)
		}
		_, prefix, hash := auth.NewAPIToken()
		tok := model.APIToken{UserID: admin.ID, Name: "k", Prefix: prefix}
		must(t, st.CreateAPIToken(ctx, a.School.ID, model.SystemActor, &tok, hash))
		if u, err := st.UserByTokenHash(ctx, hash); err != nil || u.ID != admin.ID {
			t.Fatalf("token lookup: %+v %v", u, err)
		}
		bAdmin := b.Users[model.RoleSchoolAdmin]
		again := model.APIToken{UserID: bAdmin.ID, Name: "k", Prefix: prefix}
		if err := st.CreateAPIToken(ctx, b.School.ID, model.SystemActor, &again, hash); err == nil {
			t.Fatal("a second school stored the same token hash")
		}
		if _, err := st.UserByUsername(ctx, "nobody@ka"); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("unknown login: %v", err)
		}
	})
}
