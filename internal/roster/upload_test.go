package roster

import (
	"bytes"
	"testing"
)

// A workbook saved by old Excel (.xls) or by WPS in its own format (.et)
// is an OLE2 compound file; the rating workbook's upload (OpenXLSX) asks
// for .xlsx with the same words as the roster import, by content whatever
// the file is called. docs/rosters.md says why these are not read.
func TestOpenXLSXRefusesOLE(t *testing.T) {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)
	_, err := OpenXLSX(bytes.NewReader(ole), Limits{})
	mustFail(t, err, "这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再上传")

	enc := append(append([]byte{}, ole...), encryptedStream...)
	_, err = OpenXLSX(bytes.NewReader(enc), Limits{})
	mustFail(t, err, "文件设置了打开密码")

	_, err = OpenXLSX(bytes.NewReader([]byte("学号,姓名\n")), Limits{})
	mustFail(t, err, "文件不是 Excel(.xlsx) 表格")
}
