package research

import "testing"

func TestISSN(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"0378-5955", "0378-5955", ""},
		{"ISSN 1671-0568", "1671-0568", ""},
		{"１６７１－０５６８", "1671-0568", ""},
		{"0000-006x", "0000-006X", ""},
		{"1671-0567", "", "校验位不对（按前 7 位应为 8），请核对"},
		{"0378-5954", "", "校验位不对（按前 7 位应为 5），请核对"},
		{"1671-056", "", "应为 8 位，如 1671-0568（最后一位可为 X）"},
		{"ABCD-0568", "", "应为 8 位，如 1671-0568（最后一位可为 X）"},
	} {
		got, err := ISSN(c.in)
		if got != c.want || errText(err) != c.err {
			t.Errorf("ISSN(%q) = %q, %v; want %q, %q", c.in, got, err, c.want, c.err)
		}
	}
}

func TestISBN(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"978-0-306-40615-7", "9780306406157", ""},
		{"ISBN 978-7-04-050713-3", "9787040507133", ""},
		{"0-306-40615-2", "9780306406157", ""},
		{"978-7-04-050713-4", "", "校验位不对（按前 12 位应为 3），请核对"},
		{"0-306-40615-3", "", "校验位不对（按前 9 位应为 2），请核对"},
		{"977-7-04-050713-3", "", "应以 978 或 979 开头"},
		{"978-7-04-05071", "", "应为 13 位数字，如 978-7-04-012345-6"},
	} {
		got, err := ISBN(c.in)
		if got != c.want || errText(err) != c.err {
			t.Errorf("ISBN(%q) = %q, %v; want %q, %q", c.in, got, err, c.want, c.err)
		}
	}
}

func TestCNAndDOI(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"CN 11-1234/G4", "CN 11-1234/G4", ""},
		{"cn11-1234/g4", "CN 11-1234/G4", ""},
		{"CN 11-123/G4", "", "格式应如 CN 11-1234/G4"},
		{"11-1234/G4", "", "格式应如 CN 11-1234/G4"},
	} {
		got, err := CN(c.in)
		if got != c.want || errText(err) != c.err {
			t.Errorf("CN(%q) = %q, %v; want %q, %q", c.in, got, err, c.want, c.err)
		}
	}
	for _, c := range []struct{ in, want, err string }{
		{"10.3969/j.ISSN.1671-0568.2024.05.012", "10.3969/j.issn.1671-0568.2024.05.012", ""},
		{"https://doi.org/10.1000/ABC", "10.1000/abc", ""},
		{"doi:10.12345/x1", "10.12345/x1", ""},
		{"10.12/abc", "", "格式应如 10.1234/abcd.2024.01.005"},
		{"11.1234/abc", "", "格式应如 10.1234/abcd.2024.01.005"},
	} {
		got, err := DOI(c.in)
		if got != c.want || errText(err) != c.err {
			t.Errorf("DOI(%q) = %q, %v; want %q, %q", c.in, got, err, c.want, c.err)
		}
	}
}

func TestPatent(t *testing.T) {
	for _, c := range []struct{ in, want, kind, err string }{
		{"ZL201710601862.3", "ZL201710601862.3", "发明", ""},
		{"zl 2023 2012 3456.1", "ZL202320123456.1", "实用新型", ""},
		{"ZL202330000004.X", "ZL202330000004.X", "外观设计", ""},
		{"ZL201710601862.4", "", "", "校验位不对（按前 12 位应为 3），请核对"},
		{"ZL202350000002.1", "", "", "第 5 位应为专利类型 1、2、3、8 或 9"},
		{"ZL95115608.X", "", "", "格式应如 ZL202310123456.7（ZL、12 位数字、点、校验位）"},
	} {
		got, kind, err := Patent(c.in)
		if got != c.want || kind != c.kind || errText(err) != c.err {
			t.Errorf("Patent(%q) = %q, %q, %v; want %q, %q, %q", c.in, got, kind, err, c.want, c.kind, c.err)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
