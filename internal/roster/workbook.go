package roster

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// instructionsSheet is the help sheet our templates carry; it is never the
// data even when a user moves it to the front.
const instructionsSheet = "填写说明"

// workbookInfo is what we need from xl/workbook.xml before reading data.
type workbookInfo struct {
	sheetName string // the sheet to import
	sheetPath string // its zip entry
	date1904  bool   // serial dates count from 1904 (old Mac workbooks)
}

// readWorkbook picks the sheet to import: the first visible worksheet that
// is not the instructions sheet. excelize knows the same mapping but keeps
// it private, and we need the entry to scan it ourselves (see scanSheet).
func readWorkbook(zr *zip.Reader) (workbookInfo, error) {
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			State string     `xml:"state,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Type   string `xml:"Type,attr"`
		} `xml:"Relationship"`
	}
	if err := decodeEntry(zr, "xl/workbook.xml", &wb); err != nil {
		return workbookInfo{}, err
	}
	if err := decodeEntry(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return workbookInfo{}, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/worksheet") {
			t := r.Target
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(t, "/")
			} else {
				t = path.Join("xl", t)
			}
			targets[r.ID] = t
		}
	}
	info := workbookInfo{date1904: wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"}
	for pass := 0; pass < 2 && info.sheetPath == ""; pass++ {
		for _, s := range wb.Sheets {
			var target string
			for _, a := range s.Attrs {
				if a.Name.Local == "id" {
					target = targets[a.Value]
				}
			}
			// First pass: visible data sheets only; second: anything.
			if target == "" || pass == 0 && (s.State == "hidden" || s.State == "veryHidden" || s.Name == instructionsSheet) {
				continue
			}
			info.sheetName, info.sheetPath = s.Name, target
			break
		}
	}
	if info.sheetPath == "" {
		return info, fmt.Errorf("文件中没有工作表")
	}
	return info, nil
}

func decodeEntry(zr *zip.Reader, name string, v any) error {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("文件已损坏（%s 无法读取）", name)
		}
		defer rc.Close()
		// Workbook parts are small; the limit stops a crafted giant one.
		if err := xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v); err != nil {
			return fmt.Errorf("文件已损坏（%s 格式错误）", name)
		}
		return nil
	}
	return fmt.Errorf("这是一个压缩包或其他 Office 文件，不是 Excel(.xlsx) 表格（缺少 %s）", name)
}
