package validate

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"zhijiao/internal/conduct"
)

func TestConductBatchAndDescriptor(t *testing.T) {
	var rep recorder
	ids, d := ConductBatch(ConductBatchText{StudentIDs: []string{"3", "5", "3"}, Descriptor: "7"}, &rep)
	if len(rep) != 0 || !slices.Equal(ids, []int64{3, 5}) || d != 7 {
		t.Fatalf("good batch: %v %d %v", ids, d, rep)
	}
	rep = nil
	many := make([]string, conduct.MaxBatch+1)
	for i := range many {
		many[i] = strconv.Itoa(i + 1)
	}
	ConductBatch(ConductBatchText{StudentIDs: many, Note: strings.Repeat("注", 501)}, &rep)
	if got := strings.Join(rep, " "); !strings.Contains(got, "students") || !strings.Contains(got, "missing:descriptor") || !strings.Contains(got, "long:note") {
		t.Errorf("bad batch: %v", rep)
	}
	rep = nil
	ConductBatch(ConductBatchText{StudentIDs: []string{"x"}, Descriptor: "1"}, &rep)
	if len(rep) != 1 || !strings.HasPrefix(rep[0], "invalid:students") {
		t.Errorf("a student id that is not a number: %v", rep)
	}
	cats := []string{"守时守纪"}
	rep = nil
	if d := Descriptor(DescriptorText{Name: "早操迟到", Category: "守时守纪", Points: "1", Direction: "-", Active: true}, cats, &rep); len(rep) != 0 || d.Points != -1 {
		t.Errorf("descriptor: %+v %v", d, rep)
	}
	rep = nil
	Descriptor(DescriptorText{Name: "", Category: "纪律安全", Points: "25", Position: "x"}, cats, &rep)
	if got := strings.Join(rep, " "); got != "missing:name choice:category range:points range:position" {
		t.Errorf("bad descriptor: %s", got)
	}
}
