package teacherdev

import (
	"fmt"
	"slices"
	"strings"
)

// A studio (工作室) with its members, plans and activities
// (docs/teachers.md §2 and §4 section 2), and its yearly summary.

// ActivityKinds are the kinds of studio activity offered on the form; a
// school may not type others, so the yearly summary groups cleanly.
var ActivityKinds = []string{"研讨", "讲座", "送教", "带徒", "比赛指导", "公开课", "课题研究", "其他"}

// Studio is one studio of a school. HostName is read with it.
type Studio struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Kind          string `json:"kind"`
	Level         string `json:"level"`
	HostTeacherID int64  `json:"host_teacher_id"`
	HostName      string `json:"host_name"`
	FoundedOn     string `json:"founded_on"`
	ClosedOn      string `json:"closed_on,omitempty"`
	Description   string `json:"description,omitempty"`
	Members       int    `json:"members"`
}

// StudioMember is a member with the dates they joined and left. TeacherID
// is 0 for someone from outside the school, kept by name.
type StudioMember struct {
	ID        int64  `json:"id"`
	TeacherID int64  `json:"teacher_id,omitempty"`
	Name      string `json:"name"`
	Role      string `json:"role"`
	JoinedOn  string `json:"joined_on"`
	LeftOn    string `json:"left_on,omitempty"`
}

// MemberRoles are the roles a member holds in a studio.
var MemberRoles = []string{"主持人", "核心成员", "成员", "校外专家", "徒弟"}

// ActiveIn reports whether the member belonged to the studio at some day
// of [from, to] (YYYY-MM-DD, inclusive).
func (m StudioMember) ActiveIn(from, to string) bool {
	return m.JoinedOn <= to && (m.LeftOn == "" || m.LeftOn >= from)
}

// StudioPlan is a studio's plan for one term.
type StudioPlan struct {
	TermID   int64  `json:"term_id"`
	TermName string `json:"term_name"`
	Plan     string `json:"plan"`
}

// StudioActivity is one thing a studio did; OutputID names the verified
// research output it produced, if any.
type StudioActivity struct {
	ID          int64   `json:"id"`
	HeldOn      string  `json:"held_on"`
	Kind        string  `json:"kind"`
	Title       string  `json:"title"`
	Note        string  `json:"note,omitempty"`
	Hours       float64 `json:"hours,omitempty"`
	OutputID    int64   `json:"output_id,omitempty"`
	OutputTitle string  `json:"output_title,omitempty"`
}

// KindCount is one kind of activity in a summary.
type KindCount struct {
	Kind  string  `json:"kind"`
	Count int     `json:"count"`
	Hours float64 `json:"hours"`
}

// StudioYear is a studio's summary of one calendar year: the activities
// by kind (in ActivityKinds order, then any other), the members active in
// the year, the distinct research outputs linked and the hours reported.
type StudioYear struct {
	Year          int         `json:"year"`
	Activities    int         `json:"activities"`
	ByKind        []KindCount `json:"by_kind"`
	MembersActive int         `json:"members_active"`
	Outputs       []int64     `json:"outputs"`
	Hours         float64     `json:"hours"`
}

// SummariseYear counts a studio's year from all its members and
// activities (the caller need not filter by date).
func SummariseYear(year int, members []StudioMember, acts []StudioActivity) StudioYear {
	from, to := yearSpan(year)
	y := StudioYear{Year: year, Outputs: []int64{}}
	for _, m := range members {
		if m.ActiveIn(from, to) {
			y.MembersActive++
		}
	}
	byKind := map[string]*KindCount{}
	for _, a := range acts {
		if a.HeldOn < from || a.HeldOn > to {
			continue
		}
		y.Activities++
		y.Hours += a.Hours
		k := byKind[a.Kind]
		if k == nil {
			k = &KindCount{Kind: a.Kind}
			byKind[a.Kind] = k
		}
		k.Count++
		k.Hours += a.Hours
		if a.OutputID != 0 && !slices.Contains(y.Outputs, a.OutputID) {
			y.Outputs = append(y.Outputs, a.OutputID)
		}
	}
	for _, k := range byKind {
		y.ByKind = append(y.ByKind, *k)
	}
	slices.SortFunc(y.ByKind, func(a, b KindCount) int {
		if c := kindRank(a.Kind) - kindRank(b.Kind); c != 0 {
			return c
		}
		return strings.Compare(a.Kind, b.Kind)
	})
	slices.Sort(y.Outputs)
	return y
}

func kindRank(k string) int {
	if i := slices.Index(ActivityKinds, k); i >= 0 {
		return i
	}
	return len(ActivityKinds)
}

func yearSpan(year int) (string, string) {
	y := fmt.Sprintf("%04d", year)
	return y + "-01-01", y + "-12-31"
}

// SortStudios orders studios by level (StudioLevels order, 国家级 first),
// then kind (StudioKinds order), then name.
func SortStudios(ss []Studio) {
	rank := func(list []string, v string) int {
		if i := slices.Index(list, v); i >= 0 {
			return i
		}
		return len(list)
	}
	slices.SortStableFunc(ss, func(a, b Studio) int {
		if c := rank(StudioLevels, a.Level) - rank(StudioLevels, b.Level); c != 0 {
			return c
		}
		if c := rank(StudioKinds, a.Kind) - rank(StudioKinds, b.Kind); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
}
