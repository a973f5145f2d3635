package roster

import (
	"bytes"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// OpenXLSX reads an uploaded workbook that only our own .xlsx files fill
// (such as the offline rating workbook), with the same guards as a roster
// import: the size limit, recognition by content, the zip-bomb check and
// excelize's unzip limits. CSV and old .xls are refused with the roster
// import's messages. The caller closes the file.
func OpenXLSX(r io.Reader, lim Limits) (*excelize.File, error) {
	lim = lim.withDefaults()
	data, err := readUpload(r, lim)
	if err != nil {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, encryptedStream) {
			return nil, fmt.Errorf("文件设置了打开密码，请在 Excel 中取消密码并另存为 .xlsx 后再上传")
		}
		return nil, fmt.Errorf("这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再上传")
	case !bytes.HasPrefix(data, zipMagic):
		return nil, fmt.Errorf("文件不是 Excel(.xlsx) 表格")
	}
	if _, err := checkZip(data, lim); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: min(lim.MaxUnzipped, 64<<20),
	})
	if err != nil {
		return nil, fmt.Errorf("文件已损坏，无法作为 Excel(.xlsx) 打开；请在 Excel 中重新保存后再上传")
	}
	return f, nil
}

// TooManyRows is the refusal for a file with more data rows than lim allows.
func TooManyRows(lim Limits) error { return tooManyRows(lim.withDefaults()) }
