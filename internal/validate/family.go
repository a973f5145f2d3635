package validate

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// MaxTalkNote is the longest note of a 谈心谈话: a line for colleagues,
// not a file on the student.
const MaxTalkNote = 200

// ConductTalk checks a talk being recorded: its day (YYYY-MM-DD, not
// after today, the schools' date) and its short note. The talk page, the
// API and storage all call it, so they refuse the same things.
func ConductTalk(heldOn, note, today string, rep Reporter) {
	switch _, err := time.Parse("2006-01-02", heldOn); {
	case heldOn == "":
		rep.Missing("held_on", "谈话日期")
	case err != nil:
		rep.Invalid("held_on", "谈话日期", "格式应为 2026-03-16")
	case heldOn > today:
		rep.Invalid("held_on", "谈话日期", "不能晚于今天")
	}
	if r := Control(note); r != "" {
		rep.Invalid("note", "谈话要点", r)
	}
	tooLong(rep, "note", "谈话要点", note, MaxTalkNote)
}

// ConductTalkErr is ConductTalk's first problem as an error, nil when
// none: storage's last guard, whatever way the talk came in.
func ConductTalkErr(heldOn, note, today string) error {
	var p sentences
	ConductTalk(heldOn, note, today, &p)
	if len(p) == 0 {
		return nil
	}
	return errors.New(p[0])
}

// sentences says each problem as one Chinese sentence.
type sentences []string

func (s *sentences) Missing(field, label string) { *s = append(*s, label+"不能为空") }
func (s *sentences) NotAllowed(field, label, value string, allowed []string) {
	*s = append(*s, label+"“"+value+"”不在可选范围（"+strings.Join(allowed, "、")+"）")
}
func (s *sentences) TooLong(field, label string, n int) {
	*s = append(*s, fmt.Sprintf("%s不能超过 %d 个字", label, n))
}
func (s *sentences) OutOfRange(field, label string, lo, hi float64) {
	*s = append(*s, fmt.Sprintf("%s应为 %g 到 %g 之间的数字", label, lo, hi))
}
func (s *sentences) Invalid(field, label, reason string) { *s = append(*s, label+reason) }
