// Package notify sends messages to accounts. The product sends them in the
// app (站内通知, the notifications page and the bell on the home page);
// Sender is the one seam where SMS or 企业微信 can be added later, each a
// Sender of its own, without touching the pages that send.
package notify

import (
	"context"

	"zhijiao/internal/storage"
)

// Message is one text to one account, with a link to act on it.
type Message struct {
	UserID int64
	Kind   string // "remind", "appeal_decided", "result_corrected" …
	Text   string
	Link   string
}

// Sender delivers messages; Channel names it in the audit log and on the
// pages ("站内通知").
type Sender interface {
	Channel() string
	Send(ctx context.Context, schoolID int64, msgs []Message) error
}

// InApp stores messages as notifications, all or none.
type InApp struct{ St *storage.Storage }

// Channel is how the pages name in-app delivery.
func (InApp) Channel() string { return "站内通知" }

// Send stores one notification per message in one transaction.
func (s InApp) Send(ctx context.Context, schoolID int64, msgs []Message) error {
	ns := make([]storage.Notification, len(msgs))
	for i, m := range msgs {
		ns[i] = storage.Notification{UserID: m.UserID, Kind: m.Kind, Text: m.Text, Link: m.Link}
	}
	return s.St.AddMessages(ctx, schoolID, ns)
}
