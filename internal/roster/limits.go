package roster

// Limits caps what one import may cost. Zero fields take the defaults.
type Limits struct {
	MaxBytes    int64 // size of the uploaded file
	MaxRows     int   // data rows (header and blank rows not counted)
	MaxUnzipped int64 // total declared uncompressed size of an .xlsx
}

// DefaultLimits suit one school's roster: the largest schools have about
// 10,000 students, so 20,000 rows leaves room without inviting abuse.
var DefaultLimits = Limits{MaxBytes: 20 << 20, MaxRows: 20000, MaxUnzipped: 200 << 20}

// WithDefaults fills the zero fields from DefaultLimits.
func (l Limits) WithDefaults() Limits { return l.withDefaults() }

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultLimits.MaxRows
	}
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = DefaultLimits.MaxUnzipped
	}
	return l
}
