package testdb_test

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"zhijiao/internal/testdb"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testdb.Cleanup()
	os.Exit(code)
}

// TestCounterCountsStatements runs known statements on both engines and
// checks the counter saw exactly them: plain queries, a prepared
// statement run twice and statements inside a transaction.
func TestCounterCountsStatements(t *testing.T) {
	ctx := context.Background()
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			st, c := testdb.Counted(t, e.Name)
			c.Reset()
			var n int
			if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM schools WHERE id > $1`, 0).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if _, err := st.DB().ExecContext(ctx, `UPDATE schools SET name = name WHERE id = $1`, 0); err != nil {
				t.Fatal(err)
			}
			if got := c.N(); got != 2 {
				t.Fatalf("two statements counted as %d", got)
			}
			ps, err := st.DB().PrepareContext(ctx, `SELECT COUNT(*) FROM schools WHERE id = $1`)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 2 {
				if err := ps.QueryRowContext(ctx, i).Scan(&n); err != nil {
					t.Fatal(err)
				}
			}
			ps.Close()
			err = st.InTx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `UPDATE schools SET name = name WHERE id = $1`, 0)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := c.N(); got != 5 {
				t.Fatalf("five statements counted as %d", got)
			}
			c.Reset()
			if got := c.N(); got != 0 {
				t.Fatalf("after Reset: %d", got)
			}
		})
	}
}
