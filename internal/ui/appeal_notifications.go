package ui

import (
	"net/http"

	"zhijiao/internal/storage"
)

type notificationData struct {
	Items []storage.Notification
}

// notificationList lists the user's unread messages.
func (s *Server) notificationList(w http.ResponseWriter, r *http.Request) {
	items, err := s.st.UnreadNotifications(r.Context(), schoolOf(r), userOf(r).ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "appeal_notifications", "消息通知", notificationData{Items: items})
}

// notificationRead marks one message (id) or all of the user's messages
// read; another user's messages are never touched (storage).
func (s *Server) notificationRead(w http.ResponseWriter, r *http.Request) {
	var ids []int64
	if id := formInt(r, "id"); id > 0 {
		ids = []int64{id}
	}
	if err := s.st.MarkNotificationsRead(r.Context(), schoolOf(r), userOf(r).ID, ids); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}
