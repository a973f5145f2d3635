package validate

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhijiao/internal/conduct"
)

// The rules of a 德育 batch and of a preset descriptor, shared by the
// record page, the descriptor page and the JSON API.

// MaxDescriptorName bounds a descriptor's name (it becomes the record's
// title).
const MaxDescriptorName = 30

// ConductBatchText is a batch as posted: the students' ids, the
// descriptor's id and an optional note.
type ConductBatchText struct {
	StudentIDs []string
	Descriptor string
	Note       string
}

// ConductBatch checks a posted batch and returns the students (each once,
// in the order given) and the descriptor.
func ConductBatch(in ConductBatchText, rep Reporter) (students []int64, descriptor int64) {
	for _, s := range in.StudentIDs {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id <= 0 {
			rep.Invalid("students", "学生", "选择有误，请刷新页面后重选")
			return nil, 0
		}
		if !slices.Contains(students, id) {
			students = append(students, id)
		}
	}
	switch {
	case len(students) == 0:
		rep.Missing("students", "学生")
	case len(students) > conduct.MaxBatch:
		rep.Invalid("students", "学生", "一次最多记录 "+strconv.Itoa(conduct.MaxBatch)+" 名")
	}
	descriptor, err := strconv.ParseInt(strings.TrimSpace(in.Descriptor), 10, 64)
	if err != nil || descriptor <= 0 {
		rep.Missing("descriptor", "记录事项")
		descriptor = 0
	}
	tooLong(rep, "note", "备注", in.Note, MaxEvidenceNote)
	return students, descriptor
}

// DescriptorText is a descriptor as typed; Direction "-" makes Points a
// deduction.
type DescriptorText struct {
	Name, Category, Points, Direction, Position string
	Active                                      bool
}

// Descriptor checks a typed descriptor against the school's habit
// categories (conduct.Categories' names).
func Descriptor(in DescriptorText, categories []string, rep Reporter) conduct.Descriptor {
	d := conduct.Descriptor{Name: strings.TrimSpace(in.Name), Category: in.Category, Active: in.Active}
	if d.Name == "" {
		rep.Missing("name", "事项名称")
	} else if utf8.RuneCountInString(d.Name) > MaxDescriptorName {
		rep.TooLong("name", "事项名称", MaxDescriptorName)
	}
	if !slices.Contains(categories, in.Category) {
		rep.NotAllowed("category", "习惯类别", in.Category, categories)
	}
	d.Points = inRange(rep, "points", "分值", in.Points, conduct.MinPoints, conduct.MaxPoints)
	if in.Direction == "-" {
		d.Points = -d.Points
	}
	if in.Position != "" {
		p, err := strconv.Atoi(in.Position)
		if err != nil || p < 0 || p > 999 {
			rep.OutOfRange("position", "排序", 0, 999)
		}
		d.Position = p
	}
	return d
}
