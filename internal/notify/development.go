package notify

import (
	"context"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// KindDevelopmentReminder is the notice a teacher gets about a gap in
// their development (docs/teachers.md §3 section 3).
const KindDevelopmentReminder = "development_reminder"

// DevelopmentReminders tells each teacher of ps with an account about
// their gaps (behind, or falling behind within a year, a new teacher's
// missing first practice, a certificate expiring within 90 days or
// expired), at most once a month per gap. It
// returns how many teachers were told.
func DevelopmentReminders(ctx context.Context, st *storage.Storage, snd Sender, schoolID int64, a model.Actor, ps []storage.TeacherProgress, today time.Time) (int, error) {
	month := today.Format("2006-01")
	var want []storage.DevReminder
	byTeacher := map[int64]storage.TeacherProgress{}
	for _, p := range ps {
		if p.UserID == 0 {
			continue
		}
		byTeacher[p.ID] = p
		for _, g := range gaps(p) {
			want = append(want, storage.DevReminder{TeacherID: p.ID, Gap: g})
		}
	}
	claimed, err := st.ClaimDevelopmentReminders(ctx, schoolID, a, month, want)
	if err != nil || len(claimed) == 0 {
		return 0, err
	}
	var msgs []Message
	told := map[int64]bool{}
	for _, c := range claimed {
		p := byTeacher[c.TeacherID]
		told[c.TeacherID] = true
		link := fmt.Sprintf("/teachers/%d/portrait", p.ID)
		if strings.HasPrefix(c.Gap, "cert:") {
			link = "/development/records/mine"
		}
		msgs = append(msgs, Message{UserID: p.UserID, Kind: KindDevelopmentReminder, Text: gapText(c.Gap, p), Link: link})
	}
	if err := snd.Send(ctx, schoolID, msgs); err != nil {
		if rerr := st.ReleaseDevelopmentReminders(ctx, schoolID, month, claimed); rerr != nil {
			return 0, fmt.Errorf("发送教师发展提醒: %w（撤回也失败: %v）", err, rerr)
		}
		return 0, fmt.Errorf("发送教师发展提醒: %w", err)
	}
	return len(told), nil
}

// gaps are the keys of what p owes: a measure behind or at risk, a new
// teacher's first practice, and each certificate to renew.
func gaps(p storage.TeacherProgress) []string {
	var out []string
	owing := func(s string) bool { return s == teacherdev.Behind || s == teacherdev.AtRisk }
	if owing(p.Training.Status) {
		out = append(out, "training")
	}
	if owing(p.Practice.Status) {
		out = append(out, "practice")
	}
	if p.NeedsFirstPractice {
		out = append(out, "first_practice")
	}
	for _, c := range p.Certs {
		out = append(out, c.Gap()) // "cert:<record id>", one per certificate
	}
	return out
}

func gapText(gap string, p storage.TeacherProgress) string {
	switch gap {
	case "training":
		m := p.Training
		return fmt.Sprintf("教师发展提醒：本周期培训学时%s，已认定 %g / %g 学时，还需 %g 学时（约每年 %g 学时）。", teacherdev.StandingName(m.Status), m.Done, m.Target, m.Needed, m.PerYear)
	case "practice":
		m := p.Practice
		return fmt.Sprintf("教师发展提醒：企业实践%s，近五年已确认 %g / %g 天，还需 %g 天。", teacherdev.StandingName(m.Status), m.Done, m.Target, m.Needed)
	}
	for _, c := range p.Certs {
		if c.Gap() != gap {
			continue
		}
		name := "「" + c.Title + "」"
		if c.Level != "" {
			name += "（" + c.Level + "）"
		}
		if c.Expired() {
			return fmt.Sprintf("证书提醒：%s已于 %s 过期，请尽快办理换证，并在“我的培训与实践”中登记新证书。", name, c.ExpiresOn)
		}
		return fmt.Sprintf("证书提醒：%s将于 %s 到期（还有 %d 天），请及时办理换证，并在“我的培训与实践”中登记新证书。", name, c.ExpiresOn, c.DaysLeft)
	}
	return "教师发展提醒：新任专业课教师尚无经确认的企业实践，请尽早安排企业实践。"
}
