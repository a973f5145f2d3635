package eval

import "time"

// PublicityEnd is the last day of a 公示 of n working days starting on
// start (counted when start is a working day). Working days are Monday to
// Friday; public holidays and the make-up working weekends of the national
// calendar change every year, so a school that needs them sets the window
// by hand (storage.SetPublicityWindow). n < 1 counts as 1.
func PublicityEnd(start time.Time, n int) time.Time {
	d := start
	for !workday(d) {
		d = d.AddDate(0, 0, 1)
	}
	for left := max(n, 1) - 1; left > 0; {
		d = d.AddDate(0, 0, 1)
		if workday(d) {
			left--
		}
	}
	return d
}

func workday(d time.Time) bool {
	w := d.Weekday()
	return w != time.Saturday && w != time.Sunday
}
