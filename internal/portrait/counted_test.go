package portrait

import (
	"fmt"
	"testing"

	"zhijiao/internal/model"
)

// TestCountedRecordsEqualRecords checks that a record standing for N
// (a district summary row) gives every figure and chart the same numbers as
// N separate records.
func TestCountedRecordsEqualRecords(t *testing.T) {
	one := Inputs{ProvincialLabel: "市级"}
	many := Inputs{ProvincialLabel: "市级"}
	for i, n := range []int{1, 3, 7} {
		day := fmt.Sprintf("2026-0%d-10", i+3)
		aw := Award{Level: model.AwardProvincial, Prize: model.PrizeFirst, Date: day, Teacher: i == 1}
		ce := CertAttempt{Date: day, Passed: i != 2}
		gr := Graduate{GraduatedOn: day, Certified: i == 0}
		de := Destination{Kind: DestEmployed, Relevant: i != 1, First: true, SurveyDate: day}
		su := SurveyAnswer{Score: 3 + i%3, Date: day}
		ho := Honour{Kind: "国家奖学金", Date: day}
		for range n {
			one.Awards, one.Certificates, one.Graduates = append(one.Awards, aw), append(one.Certificates, ce), append(one.Graduates, gr)
			one.Destinations, one.Survey, one.Honours = append(one.Destinations, de), append(one.Survey, su), append(one.Honours, ho)
		}
		aw.N, ce.N, gr.N, de.N, su.N, ho.N = n, n, n, n, n, n
		many.Awards, many.Certificates, many.Graduates = append(many.Awards, aw), append(many.Certificates, ce), append(many.Graduates, gr)
		many.Destinations, many.Survey, many.Honours = append(many.Destinations, de), append(many.Survey, su), append(many.Honours, ho)
	}
	a, b := Dashboard(one, year), Dashboard(many, year)
	for i := range a {
		if a[i].Value != b[i].Value {
			t.Errorf("%s: %q from records, %q from counted records", a[i].Key, a[i].Value, b[i].Value)
		}
	}
	if x, y := fmt.Sprint(DestinationShares(one.Destinations, year)), fmt.Sprint(DestinationShares(many.Destinations, year)); x != y {
		t.Errorf("destination shares differ: %s vs %s", x, y)
	}
	if x, y := fmt.Sprint(SatisfactionSpread(one.Survey, year)), fmt.Sprint(SatisfactionSpread(many.Survey, year)); x != y {
		t.Errorf("satisfaction spread differs: %s vs %s", x, y)
	}
	if r := b[1].Rate; r == nil || r.Den != 11 || r.Num != 4 {
		t.Errorf("certificate pass rate from counted records: %+v, want 4/11", r)
	}
}
