package eval

import "zhijiao/internal/model"

// Sheet is one rater's current ratings of one student in a cycle — what
// storage keeps as one row (a 评分表) — handed to Compute as is, so that
// a school's 1.4 million ratings need not become 1.4 million
// model.Rating values first. Each item counts as a rating with the
// sheet's ID, role, rater and student.
type Sheet struct {
	ID        int64
	CycleID   int64
	RaterRole model.RaterRole
	RaterID   int64
	StudentID int64
	Items     []SheetItem
}

// SheetItem is one indicator of a sheet.
type SheetItem struct {
	IndicatorCode string
	Value         float64
	Level         string
}
