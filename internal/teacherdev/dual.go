package teacherdev

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Recognition is a 双师型 recognition: a level and the day it was given;
// RevokedOn is set once it is withdrawn.
type Recognition struct {
	ID, TeacherID           int64
	Level, RecognisedOn     string
	Basis                   string
	RevokedOn, RevokeReason string
}

// Current reports whether the recognition still stands on day at.
func (r Recognition) Current(at time.Time) bool {
	if r.RevokedOn == "" {
		return true
	}
	d, ok := parseDay(r.RevokedOn)
	return ok && d.After(day(at))
}

// DualCheck is what a teacher's records support: the highest 双师型 level
// ("" for none) and, in plain Chinese, why and what is missing for the
// next level.
type DualCheck struct {
	Level   string
	Reasons []string
	Missing []string
}

// Support thresholds, following the three levels of the national basic
// standard for 双师型 teachers (2022): practice days in the last five
// years and the rank of a valid certificate (see certRank).
var dualRules = []struct {
	level    string
	days     float64
	certRank int
}{
	{"高级", 180, 4},
	{"中级", 180, 2},
	{"初级", 30, 1},
}

// CheckDual checks a teacher's records on day at. All levels ask that
// the teacher teaches 专业课; each asks for confirmed enterprise practice
// in the last five years and a valid certificate of a rank.
func CheckDual(t Teacher, recs []Fact, at time.Time) DualCheck {
	at = day(at)
	var c DualCheck
	if !t.Professional {
		c.Missing = append(c.Missing, "未任教专业课")
		return c
	}
	c.Reasons = append(c.Reasons, "任教专业课")
	days := round1(confirmedDays(recs, at.AddDate(-5, 0, 1), at.AddDate(0, 0, 1)))
	rank, cert := bestCertificate(recs, at)
	for i := len(dualRules) - 1; i >= 0; i-- {
		rule := dualRules[i]
		if days >= rule.days && rank >= rule.certRank {
			c.Level = rule.level
			continue
		}
		if days < rule.days {
			c.Missing = append(c.Missing, fmt.Sprintf("%s需近五年企业实践 %g 天（现 %g 天）", rule.level, rule.days, days))
		}
		if rank < rule.certRank {
			c.Missing = append(c.Missing, fmt.Sprintf("%s需%s及以上有效证书", rule.level, rankNames[rule.certRank]))
		}
		break
	}
	if days > 0 {
		c.Reasons = append(c.Reasons, fmt.Sprintf("近五年企业实践 %g 天", days))
	}
	if cert != "" {
		c.Reasons = append(c.Reasons, "有效证书："+cert)
	}
	return c
}

// LevelRank orders 双师型 levels: 0 for none, 1 初级 … 3 高级.
func LevelRank(level string) int {
	for i, l := range DualLevels {
		if l == level {
			return i + 1
		}
	}
	return 0
}

var rankNames = map[int]string{1: "初级（五级）", 2: "中级（四级）", 3: "高级（三级）", 4: "技师（二级）", 5: "高级技师（一级）"}

// certRank reads a certificate's level as written on it: the 职业技能等级
// from 五级/初级工 (1) to 一级/高级技师 (5). Unknown text ranks 1, a held
// certificate of some level.
func certRank(level string) int {
	switch {
	case strings.Contains(level, "高级技师") || strings.Contains(level, "一级"):
		return 5
	case strings.Contains(level, "技师") || strings.Contains(level, "二级"):
		return 4
	case strings.Contains(level, "高级") || strings.Contains(level, "三级"):
		return 3
	case strings.Contains(level, "中级") || strings.Contains(level, "四级"):
		return 2
	}
	return 1
}

// bestCertificate is the highest rank among verified certificates not
// expired on day at, with its description.
func bestCertificate(recs []Fact, at time.Time) (int, string) {
	best, name := 0, ""
	for _, r := range recs {
		if r.Kind != KindCertificate || r.Status != StatusVerified || Expired(r, at) {
			continue
		}
		if k := certRank(r.Level); k > best {
			best, name = k, strings.TrimSpace(r.Level)
		}
	}
	if best > 0 && name == "" {
		name = rankNames[best]
	}
	return best, name
}

// Expired reports whether a certificate's expiry day has passed on at.
func Expired(r Fact, at time.Time) bool {
	e, ok := parseDay(r.ExpiresOn)
	return ok && e.Before(day(at))
}

// ExpiresSoon reports whether a valid certificate expires within 180 days
// of at, the notice a teacher needs to renew it.
func ExpiresSoon(r Fact, at time.Time) bool {
	e, ok := parseDay(r.ExpiresOn)
	return ok && !e.Before(day(at)) && e.Before(day(at).AddDate(0, 0, 180))
}

// DualMismatch is one line of the two lists on the 双师型 page.
type DualMismatch struct {
	TeacherID int64
	Check     DualCheck
	Current   *Recognition
}

// Mismatches splits teachers into those whose records support a level
// but hold no recognition, and those recognised above what their records
// now support.
func Mismatches(checks map[int64]DualCheck, current map[int64]Recognition) (unrecognised, unsupported []DualMismatch) {
	for id, c := range checks {
		r, has := current[id]
		switch {
		case c.Level != "" && !has:
			unrecognised = append(unrecognised, DualMismatch{TeacherID: id, Check: c})
		case has && LevelRank(c.Level) < LevelRank(r.Level):
			rc := r
			unsupported = append(unsupported, DualMismatch{TeacherID: id, Check: c, Current: &rc})
		}
	}
	byID := func(l []DualMismatch) {
		sort.Slice(l, func(i, j int) bool { return l[i].TeacherID < l[j].TeacherID })
	}
	byID(unrecognised)
	byID(unsupported)
	return unrecognised, unsupported
}
