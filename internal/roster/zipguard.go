package roster

import (
	"archive/zip"
	"bytes"
	"fmt"
)

// Thresholds for the zip-bomb check. Real worksheet XML compresses about
// 5–20×; deflate cannot exceed about 1030×, which is what bombs aim for.
const (
	bombMinEntry = 16 << 20 // entries smaller than this are never suspicious
	bombMaxRatio = 100
)

// checkZip reads the zip central directory and refuses archives that would
// unpack to more than lim.MaxUnzipped, or whose entries are implausibly
// compressed, before anything is decompressed. archive/zip later enforces
// the declared sizes while reading, so a lying header cannot sneak past.
func checkZip(data []byte, lim Limits) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("文件已损坏，无法作为 Excel(.xlsx) 打开；请在 Excel 中重新保存后再导入")
	}
	var total uint64
	hasWorkbook := false
	for _, f := range zr.File {
		total += f.UncompressedSize64
		hasWorkbook = hasWorkbook || f.Name == "xl/workbook.xml"
	}
	if total > uint64(lim.MaxUnzipped) {
		return nil, fmt.Errorf("文件解压后约 %s，超过 %s 上限，已拒绝导入；请删除无关的工作表、图片后再试",
			sizeText(int64(min(total, 1<<62))), sizeText(lim.MaxUnzipped))
	}
	for _, f := range zr.File {
		if f.UncompressedSize64 > bombMinEntry &&
			f.UncompressedSize64 > bombMaxRatio*max(f.CompressedSize64, 1) {
			return nil, fmt.Errorf("文件内容压缩比异常（%s 解压后约 %s），可能是恶意文件，已拒绝导入",
				f.Name, sizeText(int64(f.UncompressedSize64)))
		}
	}
	if !hasWorkbook {
		return nil, fmt.Errorf("这是一个压缩包或其他 Office 文件，不是 Excel(.xlsx) 表格")
	}
	return zr, nil
}

// sizeText renders a byte count the way users read it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
