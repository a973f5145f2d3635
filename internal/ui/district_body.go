package ui

import (
	"html"
	"html/template"
	"strings"
)

// districtBody writes the comparison table's rows. A city's table is a
// thousand schools by nine figures: html/template escapes every value
// through reflective calls, which cost most of the page at that size, so
// the rows are escaped here, each value once, and the template prints the
// result.
func districtBody(rows []districtRow, empty string) template.HTML {
	if len(rows) == 0 {
		return template.HTML(`<tr><td colspan="10" class="muted">` + html.EscapeString(empty) + `</td></tr>`)
	}
	var b strings.Builder
	b.Grow(len(rows) * 600)
	for _, row := range rows {
		b.WriteString("<tr><td>")
		b.WriteString(html.EscapeString(row.School.Name))
		b.WriteString("</td>")
		for _, c := range row.Cells {
			b.WriteString(`<td class="nowrap" title="`)
			b.WriteString(html.EscapeString(c.Title))
			b.WriteString(`">`)
			b.WriteString(html.EscapeString(c.Text))
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	return template.HTML(b.String())
}
