package roster

import (
	"strings"
	"testing"
)

// Control characters in any cell are refused with the row and column, the
// same rule (validate.Control) as the pages and the API.
func TestControlCharactersInCells(t *testing.T) {
	res, err := parseBytes(csvFile("学号,姓名,性别,班级,民族", "1,欧阳小红,女,24数控1班,土\x7f家族", "2,阿依古丽,女,24汽修2班,维吾尔\x1b族"))
	if err != nil {
		t.Fatal(err)
	}
	if got := rowErrors(res); len(res.Errors) != 2 || !strings.Contains(got, "控制字符") {
		t.Fatalf("errors: %s", got)
	}
}

// A birth date outside validate.BirthDates is refused in the import as in
// the forms and the API.
func TestImplausibleBirthDateInImport(t *testing.T) {
	res, err := parseBytes(csvFile("学号,姓名,性别,班级,出生日期", "1,欧阳小红,女,24数控1班,1900-01-01", "2,阿依古丽,女,24汽修2班,2009-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	if got := rowErrors(res); len(res.Errors) != 1 || !strings.Contains(got, "之间") {
		t.Fatalf("errors: %s", got)
	}
}
