package model

// Students and parents rate by choosing a named level, never by typing a
// number: a bare 0–100 box gives them no anchor for what 80 means, and
// typing costs taps. Teachers keep the indicator's own scale.

// Choice is one named option a choosing rater picks on a 百分制 or 五分制
// indicator; Value is what is stored, on the indicator's scale (0–100 or
// 1–5), so the engine reads it like any other rating.
type Choice struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// Chooses reports whether the role picks from named choices: 自评, 互评 and
// 家长评.
func (r RaterRole) Chooses() bool {
	return r == RaterSelf || r == RaterPeer || r == RaterParent
}
