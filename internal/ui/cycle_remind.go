package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"zhijiao/internal/notify"
	"zhijiao/internal/storage"
)

type cycleRemindData struct {
	Cycle     storage.EvalCycle
	ClassID   int64
	ClassName string
	Last      storage.Reminder
	Ago       string
	Back      string
}

// cycleRemind is POST /cycles/{id}/remind: one in-app message to every
// unfinished rater of a class (class_id) or of the whole cycle (0). A
// reminder soon after the last one asks first: the answer is a page with
// the last reminder and a button that sends again (again=1).
func (s *Server) cycleRemind(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	classID := formInt(r, "class_id")
	back := "/cycles/" + strconv.FormatInt(c.ID, 10)
	name := ""
	if classID != 0 {
		cl, err := s.st.Class(ctx, school, classID)
		if err != nil {
			s.notFoundOr(w, r, err)
			return
		}
		back += "/classes/" + strconv.FormatInt(classID, 10)
		name = cl.Name
	}
	sent, err := notify.Remind(ctx, s.st, notify.InApp{St: s.st}, school, actor(r), notify.RemindRequest{CycleID: c.ID, ClassID: classID, Again: r.FormValue("again") == "1"})
	switch {
	case errors.Is(err, notify.ErrAskFirst):
		d := cycleRemindData{Cycle: c, ClassID: classID, ClassName: name, Last: sent.Last, Ago: agoText(time.Since(sent.Last.SentAt)), Back: back}
		s.render(w, r, http.StatusOK, "cycle_remind", "再次催评", d)
		return
	case err != nil:
		s.flashError(r, err.Error())
	default:
		s.flash(r, fmt.Sprintf("已提醒 %d 位未完成的评价者（%d 个账号，共 %d 项评价未完成）", sent.Raters, sent.Recipients, sent.Tasks))
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// agoText says how long ago, as a school says it.
func agoText(d time.Duration) string {
	if d < time.Hour {
		return fmt.Sprintf("%d 分钟前", max(1, int(d.Minutes())))
	}
	return fmt.Sprintf("%d 小时前", int(d.Hours()))
}
