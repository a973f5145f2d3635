package roster

import "github.com/xuri/excelize/v2"

// styles are the few cell styles our workbooks use.
type styles struct {
	header, headerReq, text, example, exampleText, bad, badText, reason, note int
}

const textFormat = 49 // built-in number format "@": keep what is typed as text

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	border := []excelize.Border{{Type: "bottom", Color: "999999", Style: 1}}
	defs := []struct {
		dst *int
		st  excelize.Style
	}{
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, NumFmt: textFormat}},
		{&s.headerReq, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, NumFmt: textFormat}},
		{&s.text, excelize.Style{NumFmt: textFormat}},
		{&s.example, excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}}},
		{&s.exampleText, excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}, NumFmt: textFormat}},
		{&s.bad, excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFE0E0"}}}},
		{&s.badText, excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFE0E0"}}, NumFmt: textFormat}},
		{&s.reason, excelize.Style{Font: &excelize.Font{Color: "C00000"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFE0E0"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.note, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.st)
		if err != nil {
			return s, err
		}
		*d.dst = id
	}
	return s, nil
}

// headerRuns renders a header cell, with a red asterisk on required ones.
func headerRuns(c column) any {
	if !c.Required {
		return c.Name
	}
	return []excelize.RichTextRun{
		{Text: c.Name, Font: &excelize.Font{Bold: true}},
		{Text: "*", Font: &excelize.Font{Bold: true, Color: "FF0000"}},
	}
}
