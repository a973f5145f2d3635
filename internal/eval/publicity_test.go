package eval

import (
	"testing"
	"time"
)

func TestPublicityEnd(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// 2026-11-23 is a Monday.
	for _, c := range []struct {
		start string
		n     int
		want  string
	}{
		{"2026-11-23", 5, "2026-11-27"}, // Monday to Friday
		{"2026-11-25", 5, "2026-12-01"}, // Wednesday: over the weekend
		{"2026-11-28", 5, "2026-12-04"}, // Saturday: starts on Monday
		{"2026-11-27", 1, "2026-11-27"},
		{"2026-11-27", 0, "2026-11-27"},
		{"2026-11-27", 10, "2026-12-10"},
	} {
		if got := PublicityEnd(day(c.start), c.n).Format("2006-01-02"); got != c.want {
			t.Errorf("PublicityEnd(%s, %d) = %s, want %s", c.start, c.n, got, c.want)
		}
	}
}
