package api

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// Daily checks (班级量化): the board and the rankings for every member of
// the school, and entries for checkers — the same storage methods and
// validate rules as the pages (docs/conduct.md section 3).

// checkBoardClass is one class on a day's board.
type checkBoardClass struct {
	ClassID   int64              `json:"class_id"`
	Class     string             `json:"class"`
	Grade     int                `json:"grade"`
	Score     float64            `json:"score"`
	GradeRank int                `json:"grade_rank"`
	Rank      int                `json:"rank"`
	Entries   []checkBoardReason `json:"entries"`
}

// checkBoardReason is one deduction or addition as the board shows it:
// no student, no checker.
type checkBoardReason struct {
	Item   string  `json:"item"`
	Reason string  `json:"reason"`
	Points float64 `json:"points"`
}

// checkBoard is GET /checks/board.
type checkBoard struct {
	Day       string            `json:"day"`
	Published bool              `json:"published"`
	Classes   []checkBoardClass `json:"classes"`
}

// checkStanding is one class in a ranking.
type checkStanding struct {
	ClassID   int64   `json:"class_id"`
	Class     string  `json:"class"`
	Grade     int     `json:"grade"`
	Score     float64 `json:"score"`
	Rank      int     `json:"rank"`
	GradeRank int     `json:"grade_rank"`
}

// checkRanking is GET /checks/rankings.
type checkRanking struct {
	Period    string              `json:"period"`
	From      string              `json:"from"`
	To        string              `json:"to"`
	Days      []string            `json:"days"`
	Standings []checkStanding     `json:"standings"`
	Flags     []storage.CheckFlag `json:"flags"`
}

// checkEntryRequest is the body of POST /checks/entries.
type checkEntryRequest struct {
	Day      string  `json:"day"`
	ItemID   int64   `json:"item_id"`
	ClassIDs []int64 `json:"class_ids"`
	Points   float64 `json:"points"`
	Reason   string  `json:"reason"`
	Why      string  `json:"why,omitempty"`
}

// checkEntryCreated is the answer to POST /checks/entries.
type checkEntryCreated struct {
	IDs []int64 `json:"ids"`
}

// checkDayParam reads ?day=, today in the school's zone when absent.
func checkDayParam(q *query) string {
	d := q.str("day")
	if d == "" {
		return time.Now().In(storage.SchoolZone).Format(time.DateOnly)
	}
	if !validate.IsDate(d) {
		q.errs = append(q.errs, FieldError{Field: "day", Reason: "应为 YYYY-MM-DD 格式的有效日期"})
	}
	return d
}

func (a *API) checkBoard(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	day := checkDayParam(q)
	if !q.ok(w) {
		return
	}
	ctx := r.Context()
	st, err := a.st.CheckDay(ctx, c.school, day)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := checkBoard{Day: day, Published: st.Published, Classes: []checkBoardClass{}}
	// Before publication only checkers and managers see a day.
	if st.Published || (st.Entries > 0 && a.authz.Can(c.user, "check:record")) {
		ss, err := a.st.CheckDayPreview(ctx, c.school, day)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		es, err := a.st.CheckEntriesOfDay(ctx, c.school, day)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		reasons := map[int64][]checkBoardReason{}
		for _, e := range es {
			reasons[e.ClassID] = append(reasons[e.ClassID], checkBoardReason{Item: e.ItemName, Reason: e.Reason, Points: e.Points})
		}
		for _, s := range ss {
			out.Classes = append(out.Classes, checkBoardClass{ClassID: s.ID, Class: s.Name, Grade: s.Grade, Score: s.Score, GradeRank: s.GradeRank, Rank: s.Rank,
				Entries: orEmpty(reasons[s.ID])})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) checkRankings(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	day := checkDayParam(q)
	out := checkRanking{Period: q.str("period")}
	switch out.Period {
	case "", "week":
		out.Period = "week"
		out.From, out.To = conduct.WeekDays(conduct.WeekOf(day))
	case "month":
		out.From, out.To = conduct.MonthDays(day)
	default:
		q.errs = append(q.errs, FieldError{Field: "period", Reason: "应为 week 或 month"})
	}
	if !q.ok(w) {
		return
	}
	ss, days, err := a.st.CheckStandings(r.Context(), c.school, out.From, out.To)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out.Days, out.Standings = orEmpty(days), []checkStanding{}
	for _, s := range ss {
		out.Standings = append(out.Standings, checkStanding{ClassID: s.ID, Class: s.Name, Grade: s.Grade, Score: s.Score, Rank: s.Rank, GradeRank: s.GradeRank})
	}
	flags, err := a.st.CheckFlags(r.Context(), c.school, 0, conduct.WeekOf(out.From), out.To)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out.Flags = orEmpty(flags)
	writeJSON(w, http.StatusOK, out)
}

// checkEntryCreate records one reason for several classes, all or none.
// A published day needs check:manage and a reason (why).
func (a *API) checkEntryCreate(w http.ResponseWriter, r *http.Request, c *call) {
	var in checkEntryRequest
	if !decode(w, r, &in) {
		return
	}
	var rep fieldReporter
	pts, reason := validate.CheckEntry(validate.CheckEntryText{Points: strconv.FormatFloat(in.Points, 'f', -1, 64), Reason: in.Reason}, &rep)
	today := time.Now().In(storage.SchoolZone).Format(time.DateOnly)
	if !validate.IsDate(in.Day) || in.Day > today {
		rep = append(rep, FieldError{Field: "day", Reason: "应为今天或以前的日期（YYYY-MM-DD）"})
	}
	if len(in.ClassIDs) == 0 {
		rep = append(rep, FieldError{Field: "class_ids", Reason: "请至少选择一个班级"})
	}
	classes, err := a.st.CheckClasses(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	for _, id := range in.ClassIDs {
		if !slices.ContainsFunc(classes, func(k conduct.CheckClass) bool { return k.ID == id }) {
			rep = append(rep, FieldError{Field: "class_ids", Reason: "班级 " + strconv.FormatInt(id, 10) + " 不是本校参加检查的班级"})
		}
	}
	if len(rep) > 0 {
		invalid(w, rep)
		return
	}
	why := strings.TrimSpace(in.Why)
	if !a.authz.Can(c.user, "check:manage") {
		why = "" // only managers change a published day
	}
	council := slices.Contains(c.user.Roles, model.RoleStudentCouncil) && !slices.ContainsFunc(c.user.Roles, func(r string) bool {
		return r != model.RoleStudentCouncil && r != model.RoleStudent
	})
	ids, err := a.st.AddCheckEntries(r.Context(), c.school, c.actor, storage.CheckBatch{Day: in.Day, ItemID: in.ItemID, ClassIDs: in.ClassIDs,
		Points: pts, Reason: reason, ByCouncil: council, Why: why})
	if errors.Is(err, storage.ErrRefused) {
		fail(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, checkEntryCreated{IDs: ids})
}

// fieldReporter says the rules of internal/validate as field errors.
type fieldReporter []FieldError

func (f *fieldReporter) Missing(field, label string) {
	*f = append(*f, FieldError{Field: field, Reason: "不能为空"})
}
func (f *fieldReporter) NotAllowed(field, label, value string, allowed []string) {
	*f = append(*f, FieldError{Field: field, Reason: "应为 " + strings.Join(allowed, "、") + " 之一"})
}
func (f *fieldReporter) TooLong(field, label string, n int) {
	*f = append(*f, FieldError{Field: field, Reason: "最多 " + strconv.Itoa(n) + " 个字"})
}
func (f *fieldReporter) OutOfRange(field, label string, lo, hi float64) {
	*f = append(*f, FieldError{Field: field, Reason: "应为 " + strconv.FormatFloat(lo, 'f', -1, 64) + " 到 " + strconv.FormatFloat(hi, 'f', -1, 64) + " 之间的数字"})
}
func (f *fieldReporter) Invalid(field, label, reason string) {
	*f = append(*f, FieldError{Field: field, Reason: label + reason})
}
