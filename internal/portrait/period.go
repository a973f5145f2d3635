package portrait

// Period is an inclusive date range written YYYY-MM-DD; an empty end is
// open. Dates compare as strings in that layout.
type Period struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Contains reports whether date (YYYY-MM-DD) falls in the period. A record
// without a date is in no period.
func (p Period) Contains(date string) bool {
	if date == "" {
		return false
	}
	if len(date) > 10 {
		date = date[:10]
	}
	return (p.From == "" || date >= p.From) && (p.To == "" || date <= p.To)
}

// String renders the period as schools write it.
func (p Period) String() string {
	switch {
	case p.From == "" && p.To == "":
		return "全部时间"
	case p.From == "":
		return "截至 " + p.To
	case p.To == "":
		return p.From + " 起"
	}
	return p.From + " 至 " + p.To
}
