package validate

// Reporter receives the problems of one record in the words of the way it
// came in: a web form says "请选择获奖级别", an import row names its
// column and the value typed. The rules are written once (Evidence,
// Destination); each way in says them its own way.
type Reporter interface {
	// Missing: a required field is empty.
	Missing(field, label string)
	// NotAllowed: a choice outside its list.
	NotAllowed(field, label, value string, allowed []string)
	// TooLong: text over max characters.
	TooLong(field, label string, max int)
	// OutOfRange: not a number, or a number outside [lo, hi].
	OutOfRange(field, label string, lo, hi float64)
	// Invalid: any other reason, said without the field's label.
	Invalid(field, label, reason string)
}
