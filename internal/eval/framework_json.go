package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"zhijiao/internal/model"
)

// The export file wraps the framework with a format name and version so
// that a file from a later Zhijiao, or a file that is not a framework at
// all, is refused with a message instead of being half-read.
const (
	exportFormat  = "zhijiao-framework"
	exportVersion = 1
)

type exportFile struct {
	Format        string          `json:"format"`
	FormatVersion int             `json:"format_version"`
	Framework     model.Framework `json:"framework"`
}

// ExportJSON writes f as an indented JSON file that another school (or
// this one) can import. IDs, school and creation time are left out: they
// belong to the database the framework came from.
func ExportJSON(f model.Framework) ([]byte, error) {
	f = portable(Clone(f))
	return json.MarshalIndent(exportFile{Format: exportFormat, FormatVersion: exportVersion, Framework: f}, "", "  ")
}

// ImportJSON reads a file written by ExportJSON and validates it. The
// framework comes back without ID or school; the caller stores it as a new
// framework or a new version.
func ImportJSON(data []byte) (model.Framework, error) {
	var file exportFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields() // a misspelt field would silently lose a weight
	if err := dec.Decode(&file); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			return model.Framework{}, errors.New("评价方案文件不是有效的 JSON（内容不完整）")
		case errors.As(err, &se):
			return model.Framework{}, fmt.Errorf("评价方案文件不是有效的 JSON（第 %d 字节附近）", se.Offset)
		case errors.As(err, &te):
			return model.Framework{}, fmt.Errorf("评价方案文件中“%s”的类型不对", te.Field)
		}
		return model.Framework{}, fmt.Errorf("评价方案文件无法读取：%v", err)
	}
	if file.Format != exportFormat {
		return model.Framework{}, errors.New("这不是职教引擎导出的评价方案文件")
	}
	if file.FormatVersion > exportVersion {
		return model.Framework{}, fmt.Errorf("评价方案文件格式版本 %d 高于本系统支持的版本 %d，请升级后再导入", file.FormatVersion, exportVersion)
	}
	f := portable(file.Framework)
	if err := Validate(f); err != nil {
		return model.Framework{}, err
	}
	return f, nil
}

func portable(f model.Framework) model.Framework {
	f.ID, f.SchoolID = 0, 0
	f.CreatedAt = time.Time{}
	return f
}
