package roster

import (
	"bytes"
	"fmt"
	"io"
)

// source yields the rows of one sheet in order, CSV or xlsx alike.
type source interface {
	// next returns the next row's 1-based spreadsheet number and its
	// cells, or io.EOF after the last row.
	next() (row int, cells []string, err error)
	close()
}

// opened is a readable file ready to iterate.
type opened struct {
	src      source
	scan     *sheetInfo // xlsx only
	date1904 bool
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// An encrypted .xlsx is an OLE container holding this stream name.
	encryptedStream = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e")
)

var errNotSheet = fmt.Errorf("文件不是 Excel(.xlsx) 或 CSV 表格")

// open reads the whole upload (bounded by MaxBytes) and recognises it by
// content, never by file name: schools rename files freely.
func open(r io.Reader, lim Limits) (*opened, error) {
	data, err := readUpload(r, lim)
	if err != nil {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return openXLSX(data, lim)
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, encryptedStream) {
			return nil, fmt.Errorf("文件设置了打开密码，请在 Excel 中取消密码并另存为 .xlsx 后再导入")
		}
		return nil, fmt.Errorf("这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入")
	}
	return openCSV(data, lim)
}

// readUpload reads a whole upload, refusing one over lim.MaxBytes or empty.
func readUpload(r io.Reader, lim Limits) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("读取文件失败：%v", err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, fmt.Errorf("文件超过 %s 上限；请删除无关的工作表和图片，或拆分成几个文件分批导入", sizeText(lim.MaxBytes))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("文件是空的")
	}
	return data, nil
}
