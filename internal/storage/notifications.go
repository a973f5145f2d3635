package storage

import (
	"context"
	"fmt"
	"time"
)

// Notification is a message to one user (评价开始、催评、公示、申诉结果 …).
// Notifications are messages, not school records: adding and reading them
// is not audited.
type Notification struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	Kind      string     `json:"kind"`
	Text      string     `json:"text"`
	Link      string     `json:"link,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at,omitempty"`
}

// AddNotifications stores one message per user in one statement batch.
func (s *Storage) AddNotifications(ctx context.Context, schoolID int64, userIDs []int64, kind, text, link string) error {
	ns := make([]Notification, len(userIDs))
	for i, u := range userIDs {
		ns[i] = Notification{UserID: u, Kind: kind, Text: text, Link: link}
	}
	return s.AddMessages(ctx, schoolID, ns)
}

// UnreadNotifications lists a user's unread messages, newest first (at
// most 100).
func (s *Storage) UnreadNotifications(ctx context.Context, schoolID, userID int64) ([]Notification, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, user_id, kind, text, link, created_at FROM notifications
		WHERE school_id = $1 AND user_id = $2 AND read_at IS NULL ORDER BY id DESC LIMIT 100`, schoolID, userID)
	if err != nil {
		return nil, fmt.Errorf("UnreadNotifications: %w", err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, &n.Text, &n.Link, &n.CreatedAt); err != nil {
			return nil, fmt.Errorf("UnreadNotifications: %w", err)
		}
		n.CreatedAt = n.CreatedAt.UTC()
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkNotificationsRead marks the given messages of the user read (ids
// nil = all of them); another user's messages are never touched.
func (s *Storage) MarkNotificationsRead(ctx context.Context, schoolID, userID int64, ids []int64) error {
	w := schoolWhere("school_id", schoolID)
	w.add("user_id = ?", userID)
	w.conds = append(w.conds, "read_at IS NULL")
	if ids != nil {
		w.in("id", ids)
	}
	args := append(w.args, now()) // read_at is the last argument
	_, err := s.db.ExecContext(ctx, `UPDATE notifications SET read_at = $`+itoa(len(args))+w.sql(), args...)
	return err
}
