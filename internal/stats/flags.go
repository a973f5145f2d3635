package stats

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
