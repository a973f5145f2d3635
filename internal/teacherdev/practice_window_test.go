package teacherdev

import (
	"math/rand/v2"
	"testing"
	"time"
)

// The 数据画像's window sums what the progress pages sum: for random
// records of every status and random days, PracticeDaysTo equals the
// progress rule's confirmed days over the same five years.
func TestPracticeWindowAgreesWithProgress(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	statuses := []string{StatusVerified, StatusVerified, StatusPending, StatusRejected}
	base := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	for range 200 {
		var recs []Fact
		for range 1 + rng.IntN(5) {
			s := base.AddDate(0, 0, rng.IntN(3000))
			recs = append(recs, Fact{Kind: []Kind{KindEnterprise, KindEnterprise, KindNational}[rng.IntN(3)], StartsOn: s.Format("2006-01-02"),
				EndsOn: s.AddDate(0, 0, rng.IntN(200)).Format("2006-01-02"), Days: float64(rng.IntN(150)), Status: statuses[rng.IntN(4)], EnterpriseConfirmed: rng.IntN(4) > 0})
		}
		w := NewPracticeWindow(recs, 5)
		for range 20 {
			at := base.AddDate(0, 0, rng.IntN(5000))
			want := round1(confirmedDays(recs, at.AddDate(-5, 0, 1), at.AddDate(0, 0, 1)))
			if got := w.DaysTo(at); got != want {
				t.Fatalf("%v on %s: window %v, progress %v", recs, at.Format("2006-01-02"), got, want)
			}
		}
	}
}
