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

// tellOne claims one student's crossings and sends their messages: each
// account one message about the crossings whose rule tells it.
func tellOne(ctx context.Context, st *storage.Storage, snd Sender, schoolID int64, a model.Actor, cs []conduct.Crossing, who *storage.Recipients) (bool, error) {
	if who == nil {
		return false, nil // not a student of this school
	}
	var claimed []int64
	var told []conduct.Crossing
	for _, c := range cs {
		x := storage.ConductAlert{StudentID: c.StudentID, RuleID: c.Rule.ID, RuleText: c.Rule.Text(), From: c.From, To: c.To,
			Count: c.Count, LastRecordID: c.LastRecordID, Channel: snd.Channel(), Recipients: len(conductRecipients([]conduct.Crossing{c}, who)),
			Parents: c.Rule.TellParents && len(who.Parents) > 0}
		ok, err := st.ClaimConductAlert(ctx, schoolID, a, &x)
		if err != nil {
			return false, err
		}
		if ok {
			claimed, told = append(claimed, x.ID), append(told, c)
		}
	}
	msgs := conductMessages(told, who)
	if len(msgs) == 0 {
		return len(claimed) > 0, nil
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

// conductMessages words the crossings told for each account: parents
// read about their child, the head teacher about a student of the class,
// each only of the crossings whose rule tells them.
func conductMessages(told []conduct.Crossing, who *storage.Recipients) []Message {
	var msgs []Message
	for _, r := range conductRecipients(told, who) {
		var texts []string
		for _, c := range told {
			if (r.parent && c.Rule.TellParents) || (!r.parent && c.Rule.TellHeadTeacher) {
				texts = append(texts, fmt.Sprintf("%s 至 %s 有 %d 次扣分", c.From, c.To, c.Count))
			}
		}
		what := strings.Join(texts, "；")
		m := Message{UserID: r.user, Kind: KindConductAlert, Text: "德育提醒：" + who.Name + " " + what + "。请和孩子聊一聊，也可以联系班主任。", Link: "/family"}
		if !r.parent {
			m.Text, m.Link = "德育提醒："+who.ClassName+" "+who.Name+" "+what+"，已列入谈心名单。", "/conduct/talks"
		}
		msgs = append(msgs, m)
	}
	return msgs
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
