package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type cycleListData struct {
	Cycles     []storage.EvalCycle
	Terms      []model.Term
	TermNames  map[int64]string
	Frameworks []storage.FrameworkSummary
	Form       cycleForm
	Errors     formErrors
}

type cycleForm struct {
	Name        string
	TermID      int64
	FrameworkID int64
	PeerCount   int
	Publicity   int
	OpensAt     string
	ClosesAt    string
}

// cycleList lists the school's 评价周期 and offers the form for a new one.
func (s *Server) cycleList(w http.ResponseWriter, r *http.Request) {
	s.cyclePage(w, r, http.StatusOK, cycleForm{PeerCount: 4, Publicity: 5}, nil)
}

func (s *Server) cyclePage(w http.ResponseWriter, r *http.Request, status int, form cycleForm, errs formErrors) {
	ctx, school := r.Context(), schoolOf(r)
	d := cycleListData{Form: form, Errors: errs, TermNames: map[int64]string{}}
	var err error
	if d.Cycles, err = s.st.Cycles(ctx, school, 0); err == nil {
		if d.Terms, err = s.st.Terms(ctx, school); err == nil {
			d.Frameworks, err = s.st.Frameworks(ctx, school)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, t := range d.Terms {
		d.TermNames[t.ID] = t.Name()
		if d.Form.TermID == 0 && t.IsCurrent {
			d.Form.TermID = t.ID
		}
	}
	if d.Form.FrameworkID == 0 {
		for _, f := range d.Frameworks {
			if f.IsDefault {
				d.Form.FrameworkID = f.ID
			}
		}
	}
	if d.Form.Name == "" && d.Form.TermID != 0 {
		d.Form.Name = d.TermNames[d.Form.TermID] + "综合素质评价"
	}
	s.render(w, r, status, "cycle_list", "评价周期", d)
}

// cycleCreate makes a draft cycle pinned to the chosen framework version.
func (s *Server) cycleCreate(w http.ResponseWriter, r *http.Request) {
	f := cycleForm{Name: strings.TrimSpace(r.FormValue("name")), TermID: formInt(r, "term_id"), FrameworkID: formInt(r, "framework_id"),
		OpensAt: r.FormValue("opens_at"), ClosesAt: r.FormValue("closes_at")}
	var errs formErrors
	var err error
	// At least 3 peers, so that a student's peer score is never one
	// classmate's score (peers are anonymous, and an aggregate of one would
	// give a rating away).
	if f.PeerCount, err = strconv.Atoi(r.FormValue("peer_count")); err != nil || f.PeerCount < 3 || f.PeerCount > 10 {
		errs.add("互评人数应为 3–10 之间的整数（至少 3 人，保证互评匿名）")
	}
	if f.Publicity, err = strconv.Atoi(r.FormValue("publicity_days")); err != nil || f.Publicity < 1 || f.Publicity > 30 {
		errs.add("公示天数应为 1–30 之间的整数")
	}
	if f.Name == "" {
		errs.add("请填写评价周期名称")
	}
	if f.TermID == 0 {
		errs.add("请选择学期")
	}
	if f.FrameworkID == 0 {
		errs.add("请先在「评价方案」中采用或建立评价方案")
	}
	var opens, closes time.Time
	if f.OpensAt != "" {
		if opens, err = time.Parse("2006-01-02", f.OpensAt); err != nil {
			errs.add("开始日期无效")
		}
	}
	if f.ClosesAt != "" {
		if closes, err = time.Parse("2006-01-02", f.ClosesAt); err != nil {
			errs.add("截止日期无效")
		} else if !opens.IsZero() && closes.Before(opens) {
			errs.add("截止日期不能早于开始日期")
		}
	}
	if len(errs) == 0 {
		terms, err := s.st.Terms(r.Context(), schoolOf(r))
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		found := false
		for _, t := range terms {
			found = found || t.ID == f.TermID
		}
		if !found {
			errs.add("所选学期不存在")
		}
	}
	if len(errs) > 0 {
		s.cyclePage(w, r, http.StatusUnprocessableEntity, f, errs)
		return
	}
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: f.TermID, Name: f.Name, FrameworkID: f.FrameworkID, PeerCount: f.PeerCount,
		PublicityDays: f.Publicity, OpensAt: opens, ClosesAt: closes, Seed: time.Now().UnixNano()}}
	if err := s.st.CreateCycle(r.Context(), schoolOf(r), actor(r), &c); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			err = errors.New("评价方案不存在")
		}
		s.cyclePage(w, r, http.StatusUnprocessableEntity, f, formErrors{err.Error()})
		return
	}
	s.flash(r, "已创建评价周期（草稿）")
	http.Redirect(w, r, "/cycles/"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
}
