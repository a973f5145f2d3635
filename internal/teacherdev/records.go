package teacherdev

import (
	"fmt"
	"time"
)

// The fields of a development record by kind (docs/teachers.md section
// 1): which apply, which are required, and the bounds that catch a typo
// (a 3000-学时 course, a practice period longer than its dates).

// Bounds of one record. A training of a whole 五年轮训 module or a
// semester's 访学 stays well under MaxHours; one enterprise practice
// period is at most a year (the six months in five years are usually
// served in several).
const (
	MinHours = 0.5
	MaxHours = 1000
	MinDays  = 0.5
	MaxDays  = 366
	// MaxSpanDays bounds ends_on − starts_on: a degree study runs for
	// years, but not for more than six.
	MaxSpanDays = 6 * 366
)

// Spec says which of a record's own fields a kind uses. Dates (starts_on,
// ends_on) and the title apply to every kind.
type Spec struct {
	Hours       bool // 学时, required
	Days        bool // days of practice, required
	Enterprise  bool // the partner enterprise, required
	Certificate bool // issuer and number required, level and expires_on optional
	Provider    bool // the organiser or school of a training
}

// SpecOf is the kind's spec; the zero Spec for an unknown kind.
func SpecOf(k Kind) Spec {
	switch {
	case k == KindEnterprise:
		return Spec{Days: true, Enterprise: true}
	case k == KindCertificate:
		return Spec{Certificate: true}
	case k.Training():
		return Spec{Hours: true, Provider: true}
	}
	return Spec{}
}

// Record is a record's values as the rules see them. Dates are
// YYYY-MM-DD (already checked as dates by the caller, "" when empty).
type Record struct {
	Kind                        Kind
	Title                       string
	StartsOn, EndsOn, ExpiresOn string
	Hours, Days                 float64
	EnterpriseID                int64
	Issuer, Number              string
}

// Problem is one broken rule: the field and a Chinese reason said
// without the field's label.
type Problem struct {
	Field, Label, Reason string
}

// Check returns the record's problems against its kind's spec, in field
// order; none for a good record.
func Check(r Record) []Problem {
	var out []Problem
	add := func(field, label, reason string) { out = append(out, Problem{field, label, reason}) }
	if !r.Kind.Valid() {
		return []Problem{{"kind", "类别", "请选择记录类别"}}
	}
	sp := SpecOf(r.Kind)
	if r.Title == "" {
		add("title", titleLabel(r.Kind), "不能为空")
	}
	out = append(out, checkDates(r, sp)...)
	if sp.Hours && (r.Hours < MinHours || r.Hours > MaxHours) {
		add("hours", "学时", fmt.Sprintf("应为 %g 到 %g 之间的数字", float64(MinHours), float64(MaxHours)))
	}
	if sp.Days {
		if r.Days < MinDays || r.Days > MaxDays {
			add("days", "实践天数", fmt.Sprintf("应为 %g 到 %g 之间的数字", float64(MinDays), float64(MaxDays)))
		} else if span := spanDays(r.StartsOn, r.EndsOn); span > 0 && r.Days > float64(span) {
			add("days", "实践天数", fmt.Sprintf("不能多于起止日期之间的 %d 天", span))
		}
	}
	if sp.Enterprise && r.EnterpriseID == 0 {
		add("enterprise_id", "实践企业", "请选择合作企业")
	}
	if sp.Certificate {
		if r.Issuer == "" {
			add("issuer", "发证机构", "不能为空")
		}
		if r.Number == "" {
			add("number", "证书编号", "不能为空")
		}
		if r.ExpiresOn != "" && r.StartsOn != "" && r.ExpiresOn <= r.StartsOn {
			add("expires_on", "有效期至", "应晚于取得日期")
		}
	}
	return out
}

func checkDates(r Record, sp Spec) []Problem {
	start := "开始日期"
	if sp.Certificate {
		start = "取得日期"
	}
	switch {
	case r.StartsOn == "":
		return []Problem{{"starts_on", start, "不能为空"}}
	case sp.Certificate:
		return nil // a certificate is obtained on one day: ends_on is starts_on
	case r.EndsOn == "":
		return []Problem{{"ends_on", "结束日期", "不能为空"}}
	case r.EndsOn < r.StartsOn:
		return []Problem{{"ends_on", "结束日期", "不能早于开始日期"}}
	case spanDays(r.StartsOn, r.EndsOn) > MaxSpanDays:
		return []Problem{{"ends_on", "结束日期", "与开始日期相隔不能超过六年"}}
	}
	return nil
}

// spanDays counts the days from a to b, both included; 0 when either is
// not a date.
func spanDays(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours()/24) + 1
}

// titleLabel names the title by kind: a certificate's name, a practice
// period's post, a course's name.
func titleLabel(k Kind) string {
	switch k {
	case KindCertificate:
		return "证书名称"
	case KindEnterprise:
		return "实践岗位"
	case KindDegree:
		return "学历与专业"
	}
	return "培训名称"
}

// TitleLabel is the label of a kind's title field.
func (k Kind) TitleLabel() string { return titleLabel(k) }

// KindByName reads a kind by its value or Chinese name (an import's
// 类别 column, an API caller).
func KindByName(s string) (Kind, bool) {
	for _, k := range Kinds {
		if s == string(k) || s == k.Name() {
			return k, true
		}
	}
	switch s {
	case "市培", "省培":
		return KindProvincial, true
	case "访学", "进修":
		return KindVisiting, true
	}
	return "", false
}

// StatusName is a review status in Chinese.
func StatusName(s string) string {
	switch s {
	case StatusVerified:
		return "已核实"
	case StatusRejected:
		return "已退回"
	}
	return "待核实"
}
