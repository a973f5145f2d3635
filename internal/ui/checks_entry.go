package ui

import (
	"net/http"
	"slices"
	"strconv"

	"zhijiao/internal/conduct"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// checksEntryPage is the phone entry of daily checks: the day, the item
// (one tap), the classes by grade (one tap each), a preset reason (one
// tap) or a short reason of one's own, save. Below, the day's entries with
// who entered them, and publishing for those who may.
type checksEntryPage struct {
	Day, Today string
	Items      []storage.CheckItem
	Item       storage.CheckItem
	Grades     []gradeGroup
	Picked     []int64
	PickedSet  map[int64]bool // Picked, for the template
	ReasonID   int64
	Reason     string
	Points     string
	Why        string
	State      storage.CheckDayState
	Entries    []storage.CheckEntry
	MayPublish bool
	Council    bool
	Manager    bool
	Errors     formErrors
}

// checksEntryData reads what the entry page shows for a day and item.
func (s *Server) checksEntryData(r *http.Request, day string, itemID int64) (checksEntryPage, error) {
	ctx, school, u := r.Context(), schoolOf(r), userOf(r)
	d := checksEntryPage{Day: day, Today: today(), Council: isCouncil(u), Manager: s.authz.Can(u, "check:manage")}
	var err error
	if d.Items, err = s.st.CheckItems(ctx, school, true); err != nil {
		return d, err
	}
	for _, it := range d.Items {
		if it.ID == itemID || d.Item.ID == 0 {
			d.Item = it
		}
	}
	classes, err := s.st.CheckClasses(ctx, school)
	if err != nil {
		return d, err
	}
	ss := make([]conduct.Standing, len(classes))
	for i, c := range classes {
		ss[i].CheckClass = c
	}
	d.Grades = byGrade(ss)
	if d.State, err = s.st.CheckDay(ctx, school, day); err != nil {
		return d, err
	}
	if d.Entries, err = s.st.CheckEntriesOfDay(ctx, school, day); err != nil {
		return d, err
	}
	set, err := s.st.CheckSettingsOf(ctx, school)
	d.MayPublish = s.mayPublish(u, set)
	return d, err
}

// checksEntry shows the entry page (/checks/entry?day=&item=).
func (s *Server) checksEntry(w http.ResponseWriter, r *http.Request) {
	d, err := s.checksEntryData(r, checkDayOf(r), queryInt(r, "item"))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "checks_entry", "录入检查", d)
}

// checksEntrySave stores one reason for every class tapped, in one
// transaction. A future day is refused; a published day only by a manager
// with a written reason for the change.
func (s *Server) checksEntrySave(w http.ResponseWriter, r *http.Request) {
	day := checkDayOf(r)
	d, err := s.checksEntryData(r, day, formInt(r, "item"))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.ReasonID, d.Reason, d.Points, d.Why = formInt(r, "reason_id"), field(r, "reason"), field(r, "points"), field(r, "why")
	for _, v := range r.Form["class"] {
		id, _ := strconv.ParseInt(v, 10, 64)
		d.Picked = append(d.Picked, id)
	}
	d.PickedSet = map[int64]bool{}
	for _, id := range d.Picked {
		d.PickedSet[id] = true
	}
	b := s.checkBatch(&d, r)
	if !d.Errors.any() {
		var ids []int64
		ids, err = s.st.AddCheckEntries(r.Context(), schoolOf(r), actor(r), b)
		if err == nil {
			s.flash(r, "已记录 "+strconv.Itoa(len(ids))+" 个班级")
			http.Redirect(w, r, "/checks/entry?day="+day+"&item="+itoa64(d.Item.ID), http.StatusSeeOther)
			return
		}
		if !isRefusal(err) {
			s.serverError(w, r, err)
			return
		}
		d.Errors.add(err.Error())
	}
	s.render(w, r, http.StatusUnprocessableEntity, "checks_entry", "录入检查", d)
}

// checkBatch checks the posted entry against the page's data and the
// rules of validate.CheckEntry; problems land in d.Errors.
func (s *Server) checkBatch(d *checksEntryPage, r *http.Request) storage.CheckBatch {
	b := storage.CheckBatch{Day: d.Day, ItemID: d.Item.ID, ByCouncil: d.Council, Why: d.Why}
	if d.Item.ID == 0 || d.Item.ID != formInt(r, "item") {
		d.Errors.add("请选择检查项目")
	}
	if d.Day > d.Today {
		d.Errors.add("不能录入今天以后的检查")
	}
	known := map[int64]bool{}
	for _, g := range d.Grades {
		for _, c := range g.Rows {
			known[c.ID] = true
		}
	}
	for _, id := range d.Picked {
		if !known[id] {
			d.Errors.add("请选择班级")
			break
		}
	}
	if len(d.Picked) == 0 {
		d.Errors.add("请至少选择一个班级")
	}
	b.ClassIDs = slices.Compact(slices.Sorted(slices.Values(d.Picked)))
	if i := slices.IndexFunc(d.Item.Reasons, func(x storage.CheckReason) bool { return x.ID == d.ReasonID }); d.ReasonID != 0 && i >= 0 {
		b.Points, b.Reason = d.Item.Reasons[i].Points, d.Item.Reasons[i].Text
	} else {
		b.Points, b.Reason = validate.CheckEntry(validate.CheckEntryText{Points: d.Points, Reason: d.Reason}, &d.Errors)
	}
	if d.State.Published && (!d.Manager || d.Why == "") {
		d.Errors.add("该日检查结果已公布，更正须由德育处填写更正理由")
	}
	return b
}
