package validate

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// The rules of a 科研成果 (docs/research.md section 1), shared by the
// form, the JSON API and the import: research.SpecOf says what a kind
// asks for, these functions check it and return the output normalised
// (identifiers in their one form, the ident filled in).

// Bounds of an output's text and contributors.
const (
	MaxResearchTitle        = 200
	MaxResearchField        = 100
	MaxResearchContributors = 30
)

// ResearchText is an output as typed or sent. Stages holds a 课题's
// stage dates by stage name.
type ResearchText struct {
	Kind, Title, Level, Grade, DatedOn string
	Stages                             map[string]string
	Fields                             map[string]string
	Contributors                       []ContributorText
}

// ContributorText is one contributor as typed: a teacher's id, or a
// name for a person from outside the school; Share may be empty.
type ContributorText struct {
	TeacherID, Name, Role, Share string
}

// ResearchOutput checks an output against its kind's spec under the
// school's settings; dates may not be after today.
func ResearchOutput(in ResearchText, set research.Settings, today string, rep Reporter) model.ResearchOutput {
	k, ok := research.KindByName(in.Kind)
	if !ok {
		names := make([]string, len(research.Kinds))
		for i, k := range research.Kinds {
			names[i] = k.Name()
		}
		rep.NotAllowed("kind", "成果类别", in.Kind, names)
		return model.ResearchOutput{}
	}
	spec := research.SpecOf(k, set)
	o := model.ResearchOutput{Kind: string(k), Title: strings.TrimSpace(in.Title), Fields: map[string]string{}}
	if r := Text(o.Title, MaxResearchTitle, true); r != "" {
		rep.Invalid("title", "成果名称", r)
	}
	o.Level = classifier(rep, "level", spec.LevelLabel, in.Level, spec.Levels)
	o.Grade = classifier(rep, "grade", spec.GradeLabel, in.Grade, spec.Grades)
	for _, f := range spec.Fields {
		if v := researchField(rep, f, in.Fields[f.Key], today); v != "" {
			o.Fields[f.Key] = v
		}
	}
	kindRules(rep, k, &o)
	if spec.Stages {
		researchStages(rep, in.Stages, today, &o)
	} else {
		o.DatedOn = researchDate(rep, "dated_on", spec.DateLabel, in.DatedOn, today, true)
	}
	o.Contributors = contributors(rep, spec, in.Contributors)
	o.Ident = research.Ident(k, o.Title, o.Fields)
	return o
}

// classifier checks a level or grade: one of its choices when the kind
// has it, and nothing when it has not.
func classifier(rep Reporter, field, label, v string, choices []string) string {
	v = strings.TrimSpace(v)
	if label == "" {
		return ""
	}
	if !slices.Contains(choices, v) {
		if v == "" {
			rep.Missing(field, label)
		} else {
			rep.NotAllowed(field, label, v, choices)
		}
		return ""
	}
	return v
}

// researchField checks and normalises one of the kind's own fields.
func researchField(rep Reporter, f research.Field, v, today string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		if f.Required {
			rep.Missing(f.Key, f.Label)
		}
		return ""
	}
	var norm string
	var err error
	switch f.Type {
	case research.FieldISSN:
		norm, err = research.ISSN(v)
	case research.FieldISBN:
		norm, err = research.ISBN(v)
	case research.FieldCN:
		norm, err = research.CN(v)
	case research.FieldDOI:
		norm, err = research.DOI(v)
	case research.FieldPatent:
		norm, _, err = research.Patent(v)
	case research.FieldDate:
		return researchDate(rep, f.Key, f.Label, v, today, f.Required)
	case research.FieldYear:
		y, e := strconv.Atoi(v)
		if e != nil || y < 1950 || y > yearOf(today)+1 {
			rep.OutOfRange(f.Key, f.Label, 1950, float64(yearOf(today)+1))
			return ""
		}
		return v
	case research.FieldNumber:
		n, e := Number(strings.ReplaceAll(v, ",", ""))
		if e != nil || n < 0 || n > 1e10 {
			rep.OutOfRange(f.Key, f.Label, 0, 1e10)
			return ""
		}
		return strconv.FormatFloat(n, 'f', -1, 64)
	case research.FieldChoice:
		if !slices.Contains(f.Choices, v) {
			rep.NotAllowed(f.Key, f.Label, v, f.Choices)
			return ""
		}
		return v
	default:
		if r := Text(v, MaxResearchField, false); r != "" {
			rep.Invalid(f.Key, f.Label, r)
			return ""
		}
		return v
	}
	if err != nil {
		rep.Invalid(f.Key, f.Label, err.Error())
		return ""
	}
	return norm
}

// kindRules are the checks across fields: a paper names its CN or ISSN,
// a patent's type agrees with its number.
func kindRules(rep Reporter, k research.Kind, o *model.ResearchOutput) {
	switch k {
	case research.KindPaper:
		if o.Fields[research.FCN] == "" && o.Fields[research.FISSN] == "" {
			rep.Invalid(research.FISSN, "CN 号与 ISSN", "至少填写一项")
		}
	case research.KindPatent:
		if no := o.Fields[research.FPatentNo]; no != "" && o.Grade != "" {
			if _, kind, _ := research.Patent(no); kind != o.Grade {
				rep.Invalid("grade", "专利类型", "与专利号不符：专利号第 5 位表示“"+kind+"”")
			}
		}
	}
}

func researchDate(rep Reporter, field, label, v, today string, required bool) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "" && required:
		rep.Missing(field, label)
	case v == "":
	case !IsDate(v):
		rep.Invalid(field, label, "应为 YYYY-MM-DD 格式的有效日期")
	case v > today:
		rep.Invalid(field, label, "不能晚于今天")
	default:
		return v
	}
	return ""
}

// researchStages checks a 课题's stage dates: 立项 required, each later
// stage on or after the one before; the output's stage and date are its
// latest stage's.
func researchStages(rep Reporter, in map[string]string, today string, o *model.ResearchOutput) {
	prev := ""
	for i, st := range research.Stages {
		d := researchDate(rep, "stage_"+strconv.Itoa(i), st+"日期", in[st], today, i == 0)
		if d == "" {
			continue
		}
		if d < prev {
			rep.Invalid("stage_"+strconv.Itoa(i), st+"日期", "不能早于上一阶段")
		}
		o.Stages = append(o.Stages, model.ResearchStage{Stage: st, DatedOn: d})
		o.Stage, o.DatedOn, prev = st, d, d
	}
	for i := 1; i < len(o.Stages); i++ {
		if slices.Index(research.Stages, o.Stages[i].Stage) != slices.Index(research.Stages, o.Stages[i-1].Stage)+1 {
			rep.Invalid("stage_1", "中期日期", "结题前请填写中期日期")
		}
	}
}

// contributors checks the ordered contributors: at least one teacher of
// the school, each once, roles the kind offers with at most one leading
// role, and shares either all empty or all given and adding up to 100.
func contributors(rep Reporter, spec research.Spec, in []ContributorText) []model.ResearchContributor {
	var out []model.ResearchContributor
	teachers, leads, shares := map[int64]bool{}, 0, 0
	var total float64
	for _, c := range in {
		name, tid := strings.TrimSpace(c.Name), strings.TrimSpace(c.TeacherID)
		if name == "" && tid == "" {
			continue // an empty row of the form
		}
		p := model.ResearchContributor{Position: len(out) + 1, Name: name, Role: strings.TrimSpace(c.Role)}
		label := "第 " + strconv.Itoa(p.Position) + " 位成员"
		if tid != "" {
			id, err := strconv.ParseInt(tid, 10, 64)
			if err != nil || id <= 0 {
				rep.Invalid("contributors", label, "选择有误，请重新选择")
				continue
			}
			if teachers[id] {
				rep.Invalid("contributors", label, "重复：同一位教师只能列一次")
			}
			p.TeacherID, teachers[id] = id, true
		} else if r := Text(name, 40, true); r != "" {
			rep.Invalid("contributors", label+"的姓名", r)
		}
		if p.Role == "" && len(spec.Roles) > 1 {
			p.Role = spec.Roles[min(p.Position-1, 1)]
		}
		if !spec.RoleAllowed(p.Role) {
			rep.NotAllowed("contributors", label+"的角色", p.Role, spec.Roles)
		}
		if p.Role == research.RoleLead || p.Role == research.RoleFirstAuthor {
			leads++
		}
		if s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(c.Share), "%")); s != "" {
			f, err := Number(s)
			if err != nil || f <= 0 || f > 100 {
				rep.OutOfRange("contributors", label+"的分配比例（%）", 0, 100)
			}
			p.Share, total, shares = &f, total+f, shares+1
		}
		out = append(out, p)
	}
	switch {
	case len(out) == 0:
		rep.Missing("contributors", "成员")
	case len(teachers) == 0:
		rep.Invalid("contributors", "成员", "至少要有一位本校教师")
	case len(out) > MaxResearchContributors:
		rep.Invalid("contributors", "成员", "最多 "+strconv.Itoa(MaxResearchContributors)+" 位")
	}
	if leads > 1 {
		rep.Invalid("contributors", "成员", "只能有一位"+spec.Roles[0])
	}
	if shares > 0 && (shares != len(out) || total < 99.99 || total > 100.01) {
		rep.Invalid("contributors", "分配比例", "要么都不填（按规则默认分配），要么每位都填且合计 100")
	}
	return out
}

func yearOf(day string) int {
	y, _ := strconv.Atoi(day[:min(4, len(day))])
	return y
}

// ResearchErr is ResearchOutput's first problem as an error, nil when
// none: storage's last guard, whatever way the output came in.
func ResearchErr(in ResearchText, set research.Settings, today string) (model.ResearchOutput, error) {
	var p sentences
	o := ResearchOutput(in, set, today, &p)
	if len(p) > 0 {
		return o, errors.New(p[0])
	}
	return o, nil
}

// ResearchTextOf is an output as text again, so that storage can check
// what reaches it with the very rules the form used.
func ResearchTextOf(o model.ResearchOutput) ResearchText {
	in := ResearchText{Kind: o.Kind, Title: o.Title, Level: o.Level, Grade: o.Grade, DatedOn: o.DatedOn, Fields: o.Fields, Stages: map[string]string{}}
	for _, s := range o.Stages {
		in.Stages[s.Stage] = s.DatedOn
	}
	for _, c := range o.Contributors {
		t := ContributorText{Name: c.Name, Role: c.Role}
		if c.TeacherID != 0 {
			t.TeacherID = strconv.FormatInt(c.TeacherID, 10)
		}
		if c.Share != nil {
			t.Share = strconv.FormatFloat(*c.Share, 'f', -1, 64)
		}
		in.Contributors = append(in.Contributors, t)
	}
	return in
}
