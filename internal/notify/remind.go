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
		if err := tooSoon(at.Sub(last.SentAt), req.Again); err != nil {
			return out, err
		}
	}
	// One read of the cycle's tasks: each rater's unfinished count over
	// the whole cycle, and whether one of them is in the class reminded.
	states, err := st.TaskStates(ctx, schoolID, c.ID)
	if err != nil {
		return out, err
	}
	left, inScope := ratersLeft(states, req.ClassID)
	if len(inScope) == 0 {
		return out, errors.New("没有未完成的评价者，无需催评")
	}
	out.Raters = len(inScope)
	owed, order, err := owedByAccount(ctx, st, schoolID, left, inScope, &out.Tasks)
	if err != nil {
		return out, err
	}
	msgs := reminderMessages(c, owed, order)
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

// tooSoon refuses a reminder sent ago after the last one, or asks first
// (ErrAskFirst) unless again is set.
func tooSoon(ago time.Duration, again bool) error {
	switch {
	case ago < RefuseWithin:
		return fmt.Errorf("%d 分钟前刚催评过，评价者已经收到通知，请稍后再发", max(1, int(ago.Minutes())))
	case ago < AskWithin && !again:
		return ErrAskFirst
	}
	return nil
}

// raterKey is one rater in one role.
type raterKey struct {
	role model.RaterRole
	id   int64
}

// ratersLeft counts each rater's unfinished tasks over the whole cycle
// and marks those with one in the class (every class when classID is 0).
func ratersLeft(states []storage.TaskState, classID int64) (left map[raterKey]int, inScope map[raterKey]bool) {
	left = map[raterKey]int{}
	inScope = map[raterKey]bool{}
	for _, t := range states {
		if t.Done {
			continue
		}
		r := raterKey{t.Role, t.RaterID}
		left[r]++
		if classID == 0 || t.ClassID == classID {
			inScope[r] = true
		}
	}
	return left, inScope
}

// owedByAccount turns the raters in scope into accounts — one message per
// account, counting every role the account rates in — in a stable order,
// and adds their unfinished tasks to tasks.
func owedByAccount(ctx context.Context, st *storage.Storage, schoolID int64, left map[raterKey]int, inScope map[raterKey]bool, tasks *int) (map[int64]int, []int64, error) {
	byRole := map[model.RaterRole][]int64{}
	for r := range inScope {
		byRole[r.role] = append(byRole[r.role], r.id)
	}
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
			return nil, nil, err
		}
		for _, id := range ids {
			n := left[raterKey{role, id}]
			*tasks += n
			for _, u := range accounts[id] {
				if _, ok := owed[u]; !ok {
					order = append(order, u)
				}
				owed[u] += n
			}
		}
	}
	return owed, order, nil
}

// reminderMessages writes each account's reminder, with the deadline in
// the schools' calendar when the cycle has one.
func reminderMessages(c storage.EvalCycle, owed map[int64]int, order []int64) []Message {
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
	return msgs
}
