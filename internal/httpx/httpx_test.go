package httpx

import (
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFileName(t *testing.T) {
	long := strings.Repeat("证", 150)
	cases := []struct{ in, want string }{
		{"证明.pdf", "证明.pdf"},
		{`C:\Users\张三\桌面\获奖证书.jpg`, "获奖证书.jpg"},
		{"/home/a/b/photo.png", "photo.png"},
		{`mixed/dirs\both.pdf`, "both.pdf"},
		{"../../etc/passwd", "passwd"},
		{"a\x00b\r\nc\t.pdf", "abc.pdf"},
		{"name\u202egpj.exe", "namegpj.exe"}, // right-to-left override hides the real extension
		{"  spaced.pdf  ", "spaced.pdf"},
		{"", "证明材料"},
		{"..", "证明材料"},
		{`C:\dir\`, "证明材料"},
		{"\x01\x02", "证明材料"},
		{"bad\xffutf8.pdf", "badutf8.pdf"},
		{long + ".pdf", strings.Repeat("证", 96) + ".pdf"},
		{long, strings.Repeat("证", 100)},
		{"a." + long, "a." + strings.Repeat("证", 98)},
	}
	for _, c := range cases {
		got := FileName(c.in, "证明材料")
		if got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.in, got, c.want)
		}
		if n := utf8.RuneCountInString(got); n > MaxFileName {
			t.Errorf("FileName(%q) has %d characters", c.in, n)
		}
	}
}

func TestPathID(t *testing.T) {
	cases := []struct {
		value string
		id    int64
		ok    bool
	}{
		{"42", 42, true},
		{"0", 0, false},
		{"-3", -3, false},
		{"x", 0, false},
		{"", 0, false},
		{"99999999999999999999", 0, false},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.SetPathValue("cycle", c.value)
		id, ok := PathID(r, "cycle")
		if ok != c.ok || (ok && id != c.id) {
			t.Errorf("PathID(%q) = %d, %v; want %d, %v", c.value, id, ok, c.id, c.ok)
		}
	}
}
