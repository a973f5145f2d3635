package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/importer"
)

// researchLedger writes a 科研成果 ledger (.xlsx, the import's columns)
// whose rows are given as column, value pairs, and returns its path.
func researchLedger(t *testing.T, rows ...[]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	cols := importer.ResearchColumns()
	if err := f.SetSheetRow("Sheet1", "A1", &cols); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cells := make([]string, len(cols))
		for j := 0; j+1 < len(r); j += 2 {
			found := false
			for k, c := range cols {
				if c == r[j] {
					cells[k], found = r[j+1], true
				}
			}
			if !found {
				t.Fatalf("the ledger has no column %q", r[j])
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow("Sheet1", cell, &cells); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "科研成果台账.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	return path
}
