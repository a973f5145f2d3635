package validate

import (
	"slices"
	"strconv"
	"strings"

	"zhijiao/internal/teacherdev"
)

// The rules of a studio, a member, a term plan and an activity
// (docs/teachers.md §2 and §4 section 2), shared by the studio pages and the
// JSON API.

const (
	MaxStudioName  = 60
	MaxStudioText  = 2000
	MaxStudioTitle = 100
	MaxStudioHours = 200
)

// StudioDates: a studio is founded, and a member joins, on a past day or
// within a year (a studio approved for next term).
var StudioDates = DateRange{Label: "日期", From: "1990-01-01", Ahead: 366}

// StudioText is a studio as typed.
type StudioText struct {
	Name, Kind, Level, Host, FoundedOn, ClosedOn, Description string
}

// Studio checks a typed studio.
func Studio(in StudioText, rep Reporter) teacherdev.Studio {
	s := teacherdev.Studio{Name: strings.TrimSpace(in.Name), Kind: in.Kind, Level: in.Level, FoundedOn: strings.TrimSpace(in.FoundedOn),
		ClosedOn: strings.TrimSpace(in.ClosedOn), Description: strings.TrimSpace(in.Description)}
	studioRequired(rep, "name", "工作室名称", s.Name, MaxStudioName)
	if !slices.Contains(teacherdev.StudioKinds, s.Kind) {
		rep.NotAllowed("kind", "类别", s.Kind, teacherdev.StudioKinds)
	}
	if !slices.Contains(teacherdev.StudioLevels, s.Level) {
		rep.NotAllowed("level", "级别", s.Level, teacherdev.StudioLevels)
	}
	s.HostTeacherID = studioID(rep, "host", "主持人", in.Host)
	studioDay(rep, "founded_on", "成立日期", s.FoundedOn, true, StudioDates)
	if studioDay(rep, "closed_on", "撤销日期", s.ClosedOn, false, StudioDates) && s.ClosedOn != "" && s.ClosedOn < s.FoundedOn {
		rep.Invalid("closed_on", "撤销日期", "撤销日期不能早于成立日期")
	}
	tooLong(rep, "description", "简介", s.Description, MaxStudioText)
	return s
}

// StudioMemberText is a member as typed: a teacher of the school (Teacher
// an id) or someone from outside (Name only).
type StudioMemberText struct {
	Teacher, Name, Role, JoinedOn, LeftOn string
}

// StudioMember checks a typed member.
func StudioMember(in StudioMemberText, rep Reporter) teacherdev.StudioMember {
	m := teacherdev.StudioMember{Name: strings.TrimSpace(in.Name), Role: in.Role, JoinedOn: strings.TrimSpace(in.JoinedOn), LeftOn: strings.TrimSpace(in.LeftOn)}
	if strings.TrimSpace(in.Teacher) != "" {
		m.TeacherID = studioID(rep, "teacher", "教师", in.Teacher)
	} else {
		studioRequired(rep, "name", "校外成员姓名", m.Name, 30)
	}
	if !slices.Contains(teacherdev.MemberRoles, m.Role) {
		rep.NotAllowed("role", "角色", m.Role, teacherdev.MemberRoles)
	}
	studioDay(rep, "joined_on", "加入日期", m.JoinedOn, true, StudioDates)
	if studioDay(rep, "left_on", "退出日期", m.LeftOn, false, StudioDates) && m.LeftOn != "" && m.LeftOn < m.JoinedOn {
		rep.Invalid("left_on", "退出日期", "退出日期不能早于加入日期")
	}
	return m
}

// StudioActivityText is an activity as typed; Output is the id of a
// verified research output or empty.
type StudioActivityText struct {
	HeldOn, Kind, Title, Note, Hours, Output string
}

// StudioActivity checks a typed activity.
func StudioActivity(in StudioActivityText, rep Reporter) teacherdev.StudioActivity {
	a := teacherdev.StudioActivity{HeldOn: strings.TrimSpace(in.HeldOn), Kind: in.Kind, Title: strings.TrimSpace(in.Title), Note: strings.TrimSpace(in.Note)}
	studioDay(rep, "held_on", "活动日期", a.HeldOn, true, EvidenceDates)
	if !slices.Contains(teacherdev.ActivityKinds, a.Kind) {
		rep.NotAllowed("kind", "活动类别", a.Kind, teacherdev.ActivityKinds)
	}
	studioRequired(rep, "title", "活动主题", a.Title, MaxStudioTitle)
	tooLong(rep, "note", "说明", a.Note, MaxStudioText)
	if strings.TrimSpace(in.Hours) != "" {
		a.Hours = inRange(rep, "hours", "学时", in.Hours, 0, MaxStudioHours)
	}
	if strings.TrimSpace(in.Output) != "" {
		a.OutputID = studioID(rep, "output", "关联成果", in.Output)
	}
	return a
}

// StudioPlan checks a term plan's text.
func StudioPlan(plan string, rep Reporter) string {
	plan = strings.TrimSpace(plan)
	studioRequired(rep, "plan", "学期计划", plan, MaxStudioText)
	return plan
}

func studioRequired(rep Reporter, field, label, v string, n int) {
	if v == "" {
		rep.Missing(field, label)
		return
	}
	tooLong(rep, field, label, v, n)
}

func studioID(rep Reporter, field, label, v string) int64 {
	id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || id <= 0 {
		rep.Missing(field, label)
		return 0
	}
	return id
}

// studioDay checks an optional or required date in the range and reports
// whether it is usable (empty and optional counts as usable).
func studioDay(rep Reporter, field, label, v string, need bool, rng DateRange) bool {
	if v == "" {
		if need {
			rep.Missing(field, label)
		}
		return !need
	}
	rng.Label = label
	if msg := rng.Check(v); msg != "" {
		rep.Invalid(field, label, strings.TrimPrefix(msg, label))
		return false
	}
	return true
}
