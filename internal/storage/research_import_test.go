package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// A ledger import writes every row as verified in one transaction, or
// none: a bad row, a row repeating another's identifier or one already
// recorded refuses it all, naming the row.
func TestResearchImportAllOrNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "ri", false)
		sid := fx.School.ID
		office := model.Actor{UserID: fx.Users[model.RoleResearch].ID}
		row := func(n int, title, doi string) storage.ResearchImportRow {
			return storage.ResearchImportRow{Row: n, Output: *researchPaper(fx, title, doi)}
		}
		count := func() int {
			t.Helper()
			_, n, err := st.ListResearchOutputs(ctx, sid, storage.ResearchFilter{ListQuery: model.AllRows()})
			must(t, err)
			return n
		}
		for name, c := range map[string]struct {
			rows []storage.ResearchImportRow
			want string
		}{
			"same DOI twice": {[]storage.ResearchImportRow{row(2, "论文甲", "10.1000/a"), row(3, "论文乙", "10.1000/A")}, "第 3 行：与第 2 行的DOI相同"},
			"bad ISSN": {[]storage.ResearchImportRow{row(2, "论文甲", "10.1000/a"), func() storage.ResearchImportRow {
				r := row(5, "论文丙", "10.1000/c")
				r.Output.Fields["issn"] = "1671-0567"
				return r
			}()}, "第 5 行：ISSN校验位不对"},
			"no rows": {nil, "文件中没有数据行"},
		} {
			err := st.ImportResearchOutputs(ctx, sid, office, c.rows)
			if !errors.Is(err, storage.ErrRefused) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v, want %q", name, err, c.want)
			}
			if n := count(); n != 0 {
				t.Fatalf("%s: a refused import left %d outputs", name, n)
			}
		}
		must(t, st.ImportResearchOutputs(ctx, sid, office, []storage.ResearchImportRow{row(2, "论文甲", "10.1000/a"), row(3, "论文乙", "10.1000/b")}))
		rows, _, err := st.ListResearchOutputs(ctx, sid, storage.ResearchFilter{ListQuery: model.AllRows()})
		must(t, err)
		if len(rows) != 2 || rows[0].Status != research.StatusVerified || rows[0].ReviewedBy != office.UserID {
			t.Fatalf("imported: %+v", rows)
		}
		err = st.ImportResearchOutputs(ctx, sid, office, []storage.ResearchImportRow{row(2, "论文丁", "10.1000/d"), row(3, "论文乙", "10.1000/b")})
		if !errors.Is(err, storage.ErrRefused) || !strings.Contains(err.Error(), "第 3 行：已有DOI相同的成果") || count() != 2 {
			t.Fatalf("an identifier already recorded: %v, %d outputs", err, count())
		}
	})
}
