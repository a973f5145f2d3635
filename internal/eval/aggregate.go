package eval

import "zhijiao/internal/model"

// MethodTrimmed marks a role score that dropped the highest and lowest
// ratings (model.AggRobust with enough ratings).
const MethodTrimmed = "trimmed"

// MethodTooFew marks peers with fewer ratings than Aggregation.MinPeers:
// they do not count, exactly like a role nobody rated (their weight goes
// to the other roles), and their score is neither computed nor shown.
const MethodTooFew = "too_few"

// defaultMinPeers is the fewest peer ratings that count on one indicator.
// With one or two, the peer score would be one classmate's score (or
// betray it), which the rated student would see in the explanation.
const defaultMinPeers = 3

// defaultMinOthers is the fewest raters other than the student themself
// whose ratings must count on an indicator: a score the student gave
// themself alone is no evaluation (the 优秀 taken on self-ratings alone).
const defaultMinOthers = 1

// aggSettings is model.Aggregation with the defaults filled in and the
// methods indexed by role, so the hot loop reads an array, not a map.
type aggSettings struct {
	trimFrom    int
	trimPercent float64
	minPeers    int
	minOthers   int
	methods     [6]string
}

func newAggSettings(a model.Aggregation) aggSettings {
	s := aggSettings{trimFrom: a.TrimFrom, trimPercent: a.TrimPercent, minPeers: a.MinPeers, minOthers: a.MinOthers}
	if s.minPeers <= 0 {
		s.minPeers = defaultMinPeers
	}
	if s.minOthers <= 0 {
		s.minOthers = defaultMinOthers
	}
	if s.trimFrom <= 0 {
		s.trimFrom = 5
	}
	if s.trimPercent <= 0 {
		s.trimPercent = 20
	}
	for i, r := range model.RaterRoles {
		m, ok := a.RoleMethods[r]
		switch {
		case ok:
			s.methods[i] = m
		case r == model.RaterPeer:
			s.methods[i] = model.AggRobust
		default:
			s.methods[i] = model.AggMean
		}
	}
	return s
}

// trimCount is how many ratings robust aggregation drops at EACH end of n:
// TrimPercent of n rounded down, at least one, and never so many that
// nothing is left.
func (s aggSettings) trimCount(n int) int {
	t := int(float64(n)*s.trimPercent/100 + 1e-9)
	if t < 1 {
		t = 1
	}
	for t > 0 && n-2*t < 1 {
		t--
	}
	return t
}

// counts says whether n ratings of role are enough to count: peers need
// minPeers, any other role one.
func (s aggSettings) counts(role, n int) bool {
	if role == peerIndex {
		return n >= s.minPeers
	}
	return n > 0
}

var (
	peerIndex = model.RaterPeer.Index()
	selfIndex = model.RaterSelf.Index()
)

// aggregate combines the ratings of one role; vals must be sorted
// ascending (so sums run in a fixed order and the result never depends on
// the order ratings arrived in). It returns the score, how many ratings it
// used and the method that actually applied.
func (s aggSettings) aggregate(vals []float64, role int) (score float64, used int, method string) {
	n := len(vals)
	if n == 0 {
		return 0, 0, ""
	}
	m := s.methods[role]
	if m == model.AggRobust {
		if n < s.trimFrom {
			m = model.AggMedian
		} else {
			t := s.trimCount(n)
			return mean(vals[t : n-t]), n - 2*t, MethodTrimmed
		}
	}
	if m == model.AggMedian {
		if n%2 == 1 {
			return vals[n/2], n, m
		}
		return (vals[n/2-1] + vals[n/2]) / 2, n, m
	}
	return mean(vals), n, model.AggMean
}

func mean(v []float64) float64 {
	var sum float64
	for _, x := range v {
		sum += x
	}
	return sum / float64(len(v))
}

// sortFloats is an insertion sort: the slices are a handful of ratings, and
// it allocates nothing, which matters 1.2 million times over.
func sortFloats(v []float64) {
	for i := 1; i < len(v); i++ {
		x := v[i]
		j := i - 1
		for j >= 0 && v[j] > x {
			v[j+1] = v[j]
			j--
		}
		v[j+1] = x
	}
}
