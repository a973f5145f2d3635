package ui

import (
	"context"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/notify"
	"zhijiao/internal/storage"
)

// afterConductRecords runs after behaviour records of these students have
// landed or changed status (recorded in a batch, confirmed, approved,
// corrected or deleted). It raises the threshold notices of
// docs/conduct.md 4: each new crossing tells the student's parents and
// head teacher once, in the app. The record pages call it after their
// transaction commits, so a failed notice never undoes a record; it is
// logged, and the next record of the student tries again.
func (s *Server) afterConductRecords(ctx context.Context, schoolID int64, studentIDs []int64) {
	a := model.SystemActor
	if u, ok := ctx.Value(ctxUser).(*model.User); ok {
		a = model.Actor{UserID: u.ID, Username: u.Username}
	}
	if _, err := notify.ConductAlerts(ctx, s.st, notify.InApp{St: s.st}, schoolID, a, studentIDs, conduct.Day(storage.Today())); err != nil {
		s.log.Error("conduct alerts", "school", schoolID, "err", err)
	}
}
