package roster

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// BareRead is the baseline for import benchmarks: excelize's plain
// streaming read of the first sheet (Rows, then Columns on each row), with
// no checks and no validation. It returns the number of rows read.
func BareRead(r io.Reader) (rows int, err error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	it, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return 0, err
	}
	for it.Next() {
		if _, err := it.Columns(); err != nil {
			return rows, err
		}
		rows++
	}
	return rows, it.Close()
}
