package validate

import (
	"strings"
	"testing"
)

func TestConductTalk(t *testing.T) {
	for _, c := range []struct {
		day, note, want string
	}{
		{"2026-11-20", "谈了早起的办法", ""},
		{"2026-11-28", "", ""},
		{"", "", "谈话日期不能为空"},
		{"2026/11/20", "", "谈话日期格式应为 2026-03-16"},
		{"2026-11-29", "", "谈话日期不能晚于今天"},
		{"2026-11-20", strings.Repeat("谈", MaxTalkNote+1), "谈话要点不能超过 200 个字"},
		{"2026-11-20", "a\x00b", "谈话要点"},
	} {
		err := ConductTalkErr(c.day, c.note, "2026-11-28")
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q %q: %v", c.day, c.note, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(err.Error(), c.want)):
			t.Errorf("%q %q: %v, want %q", c.day, c.note, err, c.want)
		}
	}
}
