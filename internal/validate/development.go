package validate

import (
	"errors"
	"strconv"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/teacherdev"
)

// The rules of a development record (docs/teachers.md section 1), shared
// by the form, the roster import and the JSON API; teacherdev.Check holds
// the rules by kind.

// Lengths of a record's text fields.
const (
	MaxDevelopmentTitle = 100
	MaxDevelopmentText  = 60
)

// DevelopmentDates: a record may be entered for a course that has just
// been booked (a roster comes before the course ends), so up to a year
// ahead.
var DevelopmentDates = DateRange{Label: "日期", From: "1980-01-01", Ahead: 366}

// DevelopmentText is a record as typed or sent.
type DevelopmentText struct {
	Kind, Title, Provider, StartsOn, EndsOn, Hours, Days, EnterpriseID string
	Issuer, Number, Level, ExpiresOn                                   string
}

// DevelopmentRecord checks a typed record and returns it with only its
// kind's fields kept (a certificate has no hours, a course no issuer).
func DevelopmentRecord(in DevelopmentText, rep Reporter) model.DevelopmentRecord {
	k, ok := teacherdev.KindByName(strings.TrimSpace(in.Kind))
	d := model.DevelopmentRecord{Kind: string(k), Title: strings.TrimSpace(in.Title)}
	if !ok {
		rep.Missing("kind", "类别")
		return d
	}
	sp := teacherdev.SpecOf(k)
	day := func(field, label, v string, r DateRange) string {
		v = strings.TrimSpace(v)
		if v == "" {
			return ""
		}
		r.Label = label
		if msg := r.Check(v); msg != "" {
			rep.Invalid(field, label, strings.TrimPrefix(msg, label))
			return ""
		}
		return v
	}
	d.StartsOn = day("starts_on", "开始日期", in.StartsOn, DevelopmentDates)
	d.EndsOn = day("ends_on", "结束日期", in.EndsOn, DevelopmentDates)
	if sp.Certificate {
		d.EndsOn = d.StartsOn
		d.Issuer, d.Number, d.Level = strings.TrimSpace(in.Issuer), strings.TrimSpace(in.Number), strings.TrimSpace(in.Level)
		d.ExpiresOn = day("expires_on", "有效期至", in.ExpiresOn, DateRange{From: "1980-01-01", Ahead: 100 * 366})
	}
	if sp.Provider {
		d.Provider = strings.TrimSpace(in.Provider)
	}
	d.Hours = number(rep, sp.Hours, "hours", "学时", in.Hours)
	d.Days = number(rep, sp.Days, "days", "实践天数", in.Days)
	if sp.Enterprise && strings.TrimSpace(in.EnterpriseID) != "" {
		id, err := strconv.ParseInt(strings.TrimSpace(in.EnterpriseID), 10, 64)
		if err != nil || id <= 0 {
			rep.Invalid("enterprise_id", "实践企业", "选择有误，请重选")
		}
		d.EnterpriseID = max(id, 0)
	}
	tooLong(rep, "title", k.TitleLabel(), d.Title, MaxDevelopmentTitle)
	for _, f := range []struct{ field, label, v string }{{"provider", "主办单位", d.Provider}, {"issuer", "发证机构", d.Issuer}, {"number", "证书编号", d.Number}, {"level", "等级", d.Level}} {
		tooLong(rep, f.field, f.label, f.v, MaxDevelopmentText)
	}
	for _, p := range teacherdev.Check(recordOf(d)) {
		if !badAlready(in, p.Field, d) {
			rep.Invalid(p.Field, p.Label, p.Reason)
		}
	}
	return d
}

// number reads a field the kind uses; a bad number is said here, an
// empty or out-of-range one by teacherdev.Check.
func number(rep Reporter, used bool, field, label, v string) float64 {
	v = strings.TrimSpace(v)
	if !used || v == "" {
		return 0
	}
	f, err := Number(v)
	if err != nil {
		rep.Invalid(field, label, "应为数字")
		return -1
	}
	return f
}

// badAlready: a date, number or choice already said to be unreadable is
// not said again as missing.
func badAlready(in DevelopmentText, field string, d model.DevelopmentRecord) bool {
	switch field {
	case "starts_on":
		return strings.TrimSpace(in.StartsOn) != "" && d.StartsOn == ""
	case "ends_on":
		return strings.TrimSpace(in.EndsOn) != "" && d.EndsOn == ""
	case "hours":
		return d.Hours < 0
	case "days":
		return d.Days < 0
	case "enterprise_id":
		return strings.TrimSpace(in.EnterpriseID) != "" && d.EnterpriseID == 0
	}
	return false
}

func recordOf(d model.DevelopmentRecord) teacherdev.Record {
	return teacherdev.Record{Kind: teacherdev.Kind(d.Kind), Title: d.Title, StartsOn: d.StartsOn, EndsOn: d.EndsOn, ExpiresOn: d.ExpiresOn,
		Hours: d.Hours, Days: d.Days, EnterpriseID: d.EnterpriseID, Issuer: d.Issuer, Number: d.Number}
}

// DevelopmentTextOf is a stored record as the form shows it.
func DevelopmentTextOf(d model.DevelopmentRecord) DevelopmentText {
	num := func(f float64) string {
		if f == 0 {
			return ""
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	t := DevelopmentText{Kind: d.Kind, Title: d.Title, Provider: d.Provider, StartsOn: d.StartsOn, EndsOn: d.EndsOn, Hours: num(d.Hours), Days: num(d.Days),
		Issuer: d.Issuer, Number: d.Number, Level: d.Level, ExpiresOn: d.ExpiresOn}
	if d.EnterpriseID != 0 {
		t.EnterpriseID = strconv.FormatInt(d.EnterpriseID, 10)
	}
	return t
}

// DevelopmentErr checks a record as storage's last guard and keeps only
// its kind's fields (a certificate's ends_on is its starts_on): its first
// problem as an error, nil when none.
func DevelopmentErr(d *model.DevelopmentRecord) error {
	var p sentences
	c := DevelopmentRecord(DevelopmentTextOf(*d), &p)
	if len(p) > 0 {
		return errors.New(p[0])
	}
	d.Kind, d.Title, d.Provider, d.StartsOn, d.EndsOn, d.Hours, d.Days, d.EnterpriseID = c.Kind, c.Title, c.Provider, c.StartsOn, c.EndsOn, c.Hours, c.Days, c.EnterpriseID
	d.Issuer, d.Number, d.Level, d.ExpiresOn = c.Issuer, c.Number, c.Level, c.ExpiresOn
	return nil
}
