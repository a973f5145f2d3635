package notify

import (
	"context"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// KindConductAlert is the notice a crossing of a conduct threshold sends.
const KindConductAlert = "conduct_alert"

// ConductAlerts checks these students against the school's thresholds
// (docs/conduct.md 4) and tells each new crossing once: every guardian
// account and the head teacher (as the rule says) get one private
// message per student, naming no other student. Each crossing is claimed
// (recorded and audited) before sending and released if sending fails, so
// a crossing is never told twice and a failed one is tried again by the
// next record. It returns the number of students told.
func ConductAlerts(ctx context.Context, st *storage.Storage, snd Sender, schoolID int64, a model.Actor, studentIDs []int64, today time.Time) (int, error) {
	if len(studentIDs) == 0 {
		return 0, nil
	}
	saved, err := st.ConductRules(ctx, schoolID)
	if err != nil {
		return 0, err
	}
	rules := conduct.Effective(saved)
	since := today.AddDate(0, 0, -conduct.Lookback(rules)).Format(conduct.DayLayout)
	recs, err := st.BehaviourRecords(ctx, schoolID, studentIDs, since)
	if err != nil {
		return 0, err
	}
	past, err := st.ConductAlerts(ctx, schoolID, studentIDs, since)
	if err != nil {
		return 0, err
	}
	crossings := conduct.Crossings(rules, recs, storage.ConductMarkers(past), today)
	if len(crossings) == 0 {
		return 0, nil
	}
	byStudent := map[int64][]conduct.Crossing{}
	var order []int64
	for _, c := range crossings {
		if byStudent[c.StudentID] == nil {
			order = append(order, c.StudentID)
		}
		byStudent[c.StudentID] = append(byStudent[c.StudentID], c)
	}
	who, err := st.ConductRecipients(ctx, schoolID, order)
	if err != nil {
		return 0, err
	}
	told := 0
	for _, id := range order {
		ok, err := tellOne(ctx, st, snd, schoolID, a, byStudent[id], who[id])
		if err != nil {
			return told, err
		}
		if ok {
			told++
		}
	}
	return told, nil
}

// tellOne claims one student's crossings and sends their messages.
func tellOne(ctx context.Context, st *storage.Storage, snd Sender, schoolID int64, a model.Actor, cs []conduct.Crossing, who *storage.Recipients) (bool, error) {
	if who == nil {
		return false, nil // not a student of this school
	}
	to := conductRecipients(cs, who)
	var claimed []int64
	var texts []string
	for _, c := range cs {
		x := storage.ConductAlert{StudentID: c.StudentID, RuleID: c.Rule.ID, RuleText: c.Rule.Text(), From: c.From, To: c.To,
			Count: c.Count, LastRecordID: c.LastRecordID, Channel: snd.Channel(), Recipients: len(to), Parents: c.Rule.TellParents && len(who.Parents) > 0}
		ok, err := st.ClaimConductAlert(ctx, schoolID, a, &x)
		if err != nil {
			return false, err
		}
		if ok {
			claimed = append(claimed, x.ID)
			texts = append(texts, fmt.Sprintf("%s 至 %s 有 %d 次扣分", c.From, c.To, c.Count))
		}
	}
	if len(claimed) == 0 || len(to) == 0 {
		return len(claimed) > 0, nil
	}
	what := strings.Join(texts, "；")
	msgs := make([]Message, len(to))
	for i, r := range to {
		msgs[i] = Message{UserID: r.user, Kind: KindConductAlert, Text: "德育提醒：" + who.Name + " " + what + "。请和孩子聊一聊，也可以联系班主任。", Link: "/family"}
		if !r.parent {
			msgs[i].Text, msgs[i].Link = "德育提醒："+who.ClassName+" "+who.Name+" "+what+"，已列入谈心名单。", "/conduct/talks"
		}
	}
	if err := snd.Send(ctx, schoolID, msgs); err != nil {
		for _, id := range claimed {
			if rerr := st.ReleaseConductAlert(ctx, schoolID, a, id, err.Error()); rerr != nil {
				return false, fmt.Errorf("发送德育提醒: %w（撤回也失败: %v）", err, rerr)
			}
		}
		return false, fmt.Errorf("发送德育提醒: %w", err)
	}
	return true, nil
}

// recipient is one account told, a parent or the head teacher.
type recipient struct {
	user   int64
	parent bool
}

// conductRecipients are the accounts one student's crossings tell, each
// once: parents read about their child, the head teacher about a student
// of the class. Only the student concerned is named in either.
func conductRecipients(cs []conduct.Crossing, who *storage.Recipients) []recipient {
	parents, head := false, false
	for _, c := range cs {
		parents = parents || c.Rule.TellParents
		head = head || c.Rule.TellHeadTeacher
	}
	var out []recipient
	seen := map[int64]bool{}
	add := func(ids []int64, parent bool) {
		for _, u := range ids {
			if !seen[u] {
				seen[u] = true
				out = append(out, recipient{u, parent})
			}
		}
	}
	if parents {
		add(who.Parents, true)
	}
	if head {
		add(who.HeadTeachers, false)
	}
	return out
}
