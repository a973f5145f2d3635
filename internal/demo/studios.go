package demo

import (
	"context"
	"fmt"

	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// The seed school's studios (工作室): 市级教学专家工作室 1、技能大师工作室 1、
// 名班主任工作室 2、特级教师工作室 2, each with a host, five to eight
// members (the skills master's also an enterprise technician), a plan
// for every term since it was founded and about eight activities a year,
// some linked to the school's verified research outputs.

var demoStudios = []struct{ name, kind, level, founded string }{
	{"智能制造教学专家工作室", "教学专家工作室", "市级", "2021-09-01"},
	{"数控技能大师工作室", "技能大师工作室", "市级", "2022-03-01"},
	{"德育名班主任工作室", "名班主任工作室", "区级", "2022-09-01"},
	{"青年名班主任工作室", "名班主任工作室", "校级", "2024-09-01"},
	{"语文特级教师工作室", "特级教师工作室", "市级", "2021-03-01"},
	{"数学特级教师工作室", "特级教师工作室", "市级", "2023-09-01"},
}

var activityTitles = map[string][]string{
	"研讨": {"专业课程标准研讨", "课堂教学案例研讨", "“三教”改革专题研讨"}, "讲座": {"行业新技术讲座", "教学能力比赛经验分享"},
	"送教": {"送教到区内兄弟学校", "送教下乡"}, "带徒": {"青年教师拜师结对", "徒弟汇报课"}, "比赛指导": {"技能大赛集训指导", "教学能力比赛说课指导"},
	"公开课": {"示范公开课", "同课异构公开课"}, "课题研究": {"课题开题论证", "课题中期研讨"},
}

// studios draws the six studios into d.out.Studios. Members are taken in
// turn from the teachers, so in the 200-teacher school nobody belongs to
// two; a smaller school wraps round.
func (d *devGen) studios(ctx context.Context, st *storage.Storage, schoolID int64) error {
	terms, err := st.Terms(ctx, schoolID)
	if err != nil {
		return err
	}
	outs, err := st.StudioOutputChoices(ctx, schoolID)
	if err != nil {
		return err
	}
	ts := d.p.teachers
	if len(ts) < 10 {
		return nil // a tiny demo school has no studios
	}
	next := 0
	for _, def := range demoStudios {
		host := ts[next%len(ts)]
		l := storage.StudioLoad{Studio: teacherdev.Studio{Name: def.name, Kind: def.kind, Level: def.level, HostTeacherID: host.t.ID, FoundedOn: def.founded,
			Description: def.kind + "，由" + host.t.Name + "主持，面向全校教师开展研修与示范。"}}
		l.Members = append(l.Members, teacherdev.StudioMember{TeacherID: host.t.ID, Name: host.t.Name, Role: "主持人", JoinedOn: def.founded})
		n := d.between(5, 8)
		for j := 1; j <= n; j++ {
			t := ts[(next+j)%len(ts)]
			m := teacherdev.StudioMember{TeacherID: t.t.ID, Name: t.t.Name, Role: "成员", JoinedOn: def.founded}
			if j <= 2 {
				m.Role = "核心成员"
			}
			if j == n && d.chance(0.5) {
				m.LeftOn = d.day(2025, 1, 12)
			}
			l.Members = append(l.Members, m)
		}
		next += n + 1
		if def.kind == "技能大师工作室" {
			l.Members = append(l.Members, teacherdev.StudioMember{Name: "企业高级技师", Role: "校外专家", JoinedOn: def.founded})
		}
		for _, t := range terms {
			if t.EndDate >= def.founded && t.StartDate <= "2026-12-31" {
				l.Plans = append(l.Plans, teacherdev.StudioPlan{TermID: t.ID, Plan: "1. 每月一次集体研讨；2. 每位成员上一节示范课；3. 完成一项课题或论文；4. 送教一次。"})
			}
		}
		l.Activities = d.studioActivities(def.founded, outs)
		d.out.Studios = append(d.out.Studios, l)
	}
	return nil
}

func (d *devGen) studioActivities(founded string, outs []storage.OutputChoice) []teacherdev.StudioActivity {
	var acts []teacherdev.StudioActivity
	kinds := teacherdev.ActivityKinds[:len(teacherdev.ActivityKinds)-1]
	for y := devFrom - 1; y <= devTo; y++ {
		for range d.between(6, 10) {
			day := d.day(y, 2, 12)
			if day < founded || day > "2026-11-30" {
				continue
			}
			k := kinds[d.r.IntN(len(kinds))]
			a := teacherdev.StudioActivity{HeldOn: day, Kind: k, Title: activityTitles[k][d.r.IntN(len(activityTitles[k]))]}
			if k == "讲座" || k == "送教" {
				a.Hours = float64(d.between(2, 6))
			}
			if len(outs) > 0 && d.chance(0.15) {
				o := outs[d.r.IntN(len(outs))]
				a.OutputID, a.Note = o.ID, fmt.Sprintf("形成成果：%s", o.Title)
			}
			acts = append(acts, a)
		}
	}
	return acts
}
