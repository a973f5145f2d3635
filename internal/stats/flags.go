package stats

// Rating is one rater's value for one target on one item (评分): the plain record ItemAlphas reads.
// The ids are opaque here; the caller chooses what they number (users, students, indicators or observation points).
type Rating struct {
	Rater  int64
	Target int64
	Item   int64
	Value  float64
	Self   bool // 自评: the rater rates themself. Explicit because rater and target ids may number different things
}

// FlagKind names what a flag says about a rater or a target (stats.RaterChecks finds them); its value is the label
// the interface shows.
type FlagKind string

const (
	FlagStraightLine FlagKind = "全部同分" // the rater gave the same position on the scale to everything
	FlagLenient      FlagKind = "偏宽"   // the rater scores above the other raters of the same targets
	FlagSevere       FlagKind = "偏严"   // the rater scores below the other raters of the same targets
	FlagSelfOver     FlagKind = "自评高估" // the target rates themself above what others give them
	FlagSelfUnder    FlagKind = "自评低估" // the target rates themself below what others give them
)
