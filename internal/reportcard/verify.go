package reportcard

import (
	"context"
	"encoding/json"
	"errors"

	"zhijiao/internal/storage"
)

// Verdict is what the verification page says of a code: Valid with what
// it shows, or not valid and nothing else.
type Verdict struct {
	Valid bool
	Shown Shown
}

// Verify checks a typed or scanned code. A code is valid only when it is
// well formed, was issued, is not superseded, its stored content matches
// its digest, and the card built now from the database shows the same
// name, school, term and levels: a result changed after printing makes
// the old paper invalid even before anyone prints the new one.
func (l *Loader) Verify(ctx context.Context, typed string) (Verdict, error) {
	code, err := Normalize(typed)
	if err != nil {
		return Verdict{}, nil
	}
	rc, err := l.St.ReportCodeByCode(ctx, code)
	if errors.Is(err, storage.ErrNotFound) {
		return Verdict{}, nil
	}
	if err != nil {
		return Verdict{}, err
	}
	if rc.Superseded {
		return Verdict{}, nil
	}
	var stored Shown
	if json.Unmarshal([]byte(rc.Shown), &stored) != nil {
		return Verdict{}, nil
	}
	if text, digest := stored.encode(); digest != rc.Digest || text != rc.Shown {
		return Verdict{}, nil
	}
	c, err := l.St.Cycle(ctx, rc.SchoolID, rc.CycleID)
	if errors.Is(err, storage.ErrNotFound) {
		return Verdict{}, nil
	}
	if err != nil {
		return Verdict{}, err
	}
	k, err := l.core(ctx, rc.SchoolID, c, rc.StudentID)
	if errors.Is(err, ErrNoResult) || errors.Is(err, storage.ErrNotFound) {
		return Verdict{}, nil
	}
	if err != nil {
		return Verdict{}, err
	}
	now := Shown{Name: k.stu.Name, School: k.school.Name, Terms: []ShownTerm{k.shown}}
	if _, d := now.encode(); d != rc.Digest {
		return Verdict{}, nil
	}
	return Verdict{Valid: true, Shown: stored}, nil
}
