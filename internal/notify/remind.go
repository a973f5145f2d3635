package notify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Reminders (催评) tell raters who have not finished how many ratings they
// still owe. A second reminder to the same raters soon after the last one
// is refused within RefuseWithin (a double click, or two admins at once)
// and asks first within AskWithin: reminding too often teaches people to
// ignore reminders.
const (
	RefuseWithin = 10 * time.Minute
	AskWithin    = 24 * time.Hour
)

// ErrAskFirst says a reminder reached these raters less than AskWithin
// ago; sending again needs the admin's confirmation.
var ErrAskFirst = errors.New("催评已在不久前发送过")

// RemindRequest names who to remind: the unfinished raters of one class,
// or of the whole cycle (ClassID 0). Again confirms a reminder within
// AskWithin of the last one.
type RemindRequest struct {
	CycleID int64
	ClassID int64
	Again   bool
	Now     time.Time // zero: time.Now
}

// Sent is what a reminder did.
type Sent struct {
	Raters     int // raters with unfinished tasks
	Recipients int // accounts told (raters without an account are not reachable)
	Tasks      int // unfinished tasks, counted per rater over the whole cycle
	Last       storage.Reminder
}

// Remind sends every unfinished rater of the class (or cycle) one message
// with their own count of unfinished ratings in the cycle and the
// deadline, linking to 我的评价, and records the reminder (audited). Only
// an open cycle is reminded.
func Remind(ctx context.Context, st *storage.Storage, snd Sender, schoolID int64, a model.Actor, req RemindRequest) (Sent, error) {
	var out Sent
	at := req.Now
	if at.IsZero() {
		at = time.Now()
	}
	c, err := st.Cycle(ctx, schoolID, req.CycleID)
	if err != nil {
		return out, err
	}
	if c.State != model.CycleOpen {
		return out, fmt.Errorf("评价周期%s，只有评价中可以催评", c.State.Name())
	}
	past, err := st.Reminders(ctx, schoolID, c.ID)
	if err != nil {
		return out, err
	}
	if last, ok := storage.LastReminderFor(past, req.ClassID); ok {
		out.Last = last
		ago := at.Sub(last.SentAt)
		switch {
		case ago < RefuseWithin:
			return out, fmt.Errorf("%d 分钟前刚催评过，评价者已经收到通知，请稍后再发", max(1, int(ago.Minutes())))
		case ago < AskWithin && !req.Again:
			return out, ErrAskFirst
		}
	}
	// One read of the cycle's tasks: each rater's unfinished count over
	// the whole cycle, and whether one of them is in the class reminded.
	states, err := st.TaskStates(ctx, schoolID, c.ID)
	if err != nil {
		return out, err
	}
	type rater struct {
		role model.RaterRole
		id   int64
	}
	left := map[rater]int{}
	inScope := map[rater]bool{}
	for _, t := range states {
		if t.Done {
			continue
		}
		r := rater{t.Role, t.RaterID}
		left[r]++
		if req.ClassID == 0 || t.ClassID == req.ClassID {
			inScope[r] = true
		}
	}
	if len(inScope) == 0 {
		return out, errors.New("没有未完成的评价者，无需催评")
	}
	out.Raters = len(inScope)
	byRole := map[model.RaterRole][]int64{}
	for r := range inScope {
		byRole[r.role] = append(byRole[r.role], r.id)
	}
	// One message per account, counting every role the account rates in.
	owed := map[int64]int{}
	var order []int64
	for _, role := range model.RaterRoles {
		ids := byRole[role]
		if len(ids) == 0 {
			continue
		}
		slices.Sort(ids)
		accounts, err := st.RaterAccounts(ctx, schoolID, role, ids)
		if err != nil {
			return out, err
		}
		for _, id := range ids {
			n := left[rater{role, id}]
			out.Tasks += n
			for _, u := range accounts[id] {
				if _, ok := owed[u]; !ok {
					order = append(order, u)
				}
				owed[u] += n
			}
		}
	}
	deadline := ""
	if !c.ClosesAt.IsZero() {
		d := c.ClosesAt.In(storage.SchoolZone) // the schools' calendar, not the server's
		deadline = fmt.Sprintf("，截止 %d月%d日", int(d.Month()), d.Day())
	}
	msgs := make([]Message, 0, len(order))
	for _, u := range order {
		msgs = append(msgs, Message{UserID: u, Kind: "remind", Link: "/rate",
			Text: fmt.Sprintf("你还有 %d 份评价未完成%s。请在“我的评价”中完成（%s）", owed[u], deadline, c.Name)})
	}
	if err := snd.Send(ctx, schoolID, msgs); err != nil {
		return out, err
	}
	out.Recipients = len(msgs)
	r := storage.Reminder{CycleID: c.ID, ClassID: req.ClassID, Channel: snd.Channel(), Recipients: out.Recipients, Tasks: out.Tasks, SentAt: at}
	if err := st.RecordReminder(ctx, schoolID, a, &r); err != nil {
		return out, err
	}
	out.Last = r
	return out, nil
}
