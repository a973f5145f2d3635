package validate

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
)

// recorder notes each problem as "kind:field".
type recorder []string

func (r *recorder) Missing(field, label string) { *r = append(*r, "missing:"+field) }
func (r *recorder) NotAllowed(field, label, value string, allowed []string) {
	*r = append(*r, "choice:"+field)
}
func (r *recorder) TooLong(field, label string, max int) {
	*r = append(*r, fmt.Sprintf("long:%s:%d", field, max))
}
func (r *recorder) OutOfRange(field, label string, lo, hi float64) { *r = append(*r, "range:"+field) }
func (r *recorder) Invalid(field, label, reason string)            { *r = append(*r, "invalid:"+field) }

// TestEvidenceRules: each kind needs its own fields, keeps only what it
// means, and reads its numbers in range.
func TestEvidenceRules(t *testing.T) {
	habits := []string{"学习习惯", "守时守纪"} // a school's conduct.Categories
	for _, c := range []struct {
		name  string
		in    EvidenceText
		want  []string
		check func(model.Evidence) bool
	}{
		{"competition", EvidenceText{Kind: model.EvidenceCompetition, Title: "市赛", Level: model.AwardCity, Prize: model.PrizeFirst, Category: "x", Team: true}, nil,
			func(e model.Evidence) bool { return e.Team && e.Category == "" && e.Prize == model.PrizeFirst }},
		{"competition, no title, bad level", EvidenceText{Kind: model.EvidenceCompetition, Level: "世界级", Prize: model.PrizeFirst}, []string{"missing:title", "choice:level"}, nil},
		{"certificate", EvidenceText{Kind: model.EvidenceCertificate, Title: "电工证", Category: model.CertQualification, Level: model.CertJunior, Passed: true, Team: true}, nil,
			func(e model.Evidence) bool { return e.Passed && !e.Team }},
		{"honour titled by its category", EvidenceText{Kind: model.EvidenceHonour, Category: "三好学生", Level: model.AwardSchool}, nil,
			func(e model.Evidence) bool { return e.Title == "三好学生" }},
		{"internship score out of range", EvidenceText{Kind: model.EvidenceInternship, Title: "某厂", Category: "顶岗实习", Level: "优秀", MentorScore: "101"}, []string{"range:mentor_score"}, nil},
		{"service hours", EvidenceText{Kind: model.EvidenceService, Title: "敬老院", Category: "志愿服务", Level: "x", Hours: "2.5"}, nil,
			func(e model.Evidence) bool { return e.Hours == 2.5 && e.Level == "" }},
		{"service hours NaN", EvidenceText{Kind: model.EvidenceService, Title: "敬老院", Category: "志愿服务", Hours: "NaN"}, []string{"range:hours"}, nil},
		{"behaviour deduction", EvidenceText{Kind: model.EvidenceBehaviour, Title: "迟到", Category: "守时守纪", Points: "2", Direction: "-", Habits: habits}, nil,
			func(e model.Evidence) bool { return e.Points == -2 }},
		{"behaviour category the tables do not score", EvidenceText{Kind: model.EvidenceBehaviour, Title: "迟到", Category: "纪律安全", Points: "2", Habits: habits},
			[]string{"choice:category"}, nil},
		{"unknown kind, long texts", EvidenceText{Kind: "x", Title: strings.Repeat("名", 101), Note: strings.Repeat("注", 501), TeamMembers: strings.Repeat("员", 301)},
			[]string{"choice:kind", "long:title:100", "long:note:500", "long:team_members:300"}, nil},
	} {
		var rec recorder
		e := Evidence(c.in, &rec)
		if !reflect.DeepEqual([]string(rec), c.want) {
			t.Errorf("%s: problems %v, want %v", c.name, rec, c.want)
		}
		if c.check != nil && !c.check(e) {
			t.Errorf("%s: record %+v", c.name, e)
		}
	}
}

func TestDestinationRules(t *testing.T) {
	var rec recorder
	Destination(&model.GraduateDestination{Kind: portrait.DestEmployed, Position: strings.Repeat("岗", 51)}, &rec)
	if want := []string{"invalid:employer", "long:position:50"}; !reflect.DeepEqual([]string(rec), want) {
		t.Errorf("employed without employer: %v, want %v", rec, want)
	}
	rec = nil
	Destination(&model.GraduateDestination{Kind: "闲着"}, &rec)
	if want := []string{"choice:kind"}; !reflect.DeepEqual([]string(rec), want) {
		t.Errorf("unknown kind: %v", rec)
	}
	rec = nil
	Destination(&model.GraduateDestination{Kind: portrait.DestFurtherStudy}, &rec)
	if len(rec) != 0 {
		t.Errorf("further study: %v", rec)
	}
}

func TestProofFile(t *testing.T) {
	for _, c := range []struct {
		data []byte
		want string
	}{{nil, "文件为空"}, {[]byte("plain text"), "只接受"}, {make([]byte, MaxProofFile+1), "超过 10 MB"}} {
		if _, err := ProofFile(c.data); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%d bytes: %v, want %q", len(c.data), err, c.want)
		}
	}
	if ct, err := ProofFile([]byte("%PDF-1.4\n")); err != nil || ct != "application/pdf" {
		t.Errorf("pdf: %q %v", ct, err)
	}
}
