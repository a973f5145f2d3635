package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

var nan = math.NaN()

// byCoder turns the paper's layout (one row per coder) into Alpha's (one row per unit).
func byCoder(coders ...[]float64) [][]float64 {
	units := make([][]float64, len(coders[0]))
	for u := range units {
		for _, c := range coders {
			units[u] = append(units[u], c[u])
		}
	}
	return units
}

// paperExample is the reliability data of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
// section C (any number of observers, missing data): 4 observers × 12 units, '.' read as NaN. Unit 12 has a single
// value and is not pairable.
func paperExample() [][]float64 {
	return byCoder(
		[]float64{1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan}, // observer A
		[]float64{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3},     // observer B
		[]float64{nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan},   // observer C
		[]float64{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan},     // observer D
	)
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// round3 rounds to 3 decimals, the precision the paper publishes.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func TestAlphaPaperExample(t *testing.T) {
	// Krippendorff (2011), section C: α_nominal = 0.743, and section E (the same data at other levels):
	// α_ordinal = 0.815, α_interval = 0.849, α_ratio = 0.797. Our exact values: 0.74342, 0.81539, 0.84911, 0.79740.
	for _, tc := range []struct {
		level Level
		want  float64
	}{
		{Nominal, 0.743},
		{Ordinal, 0.815},
		{Interval, 0.849},
		{Ratio, 0.797},
	} {
		res, err := Alpha(paperExample(), tc.level)
		if err != nil {
			t.Fatalf("%v: %v", tc.level, err)
		}
		if round3(res.Alpha) != tc.want {
			t.Errorf("%v: alpha = %.5f, paper %.3f", tc.level, res.Alpha, tc.want)
		}
		// 11 pairable units (unit 12 dropped), n = 40 pairable values, as in the paper's coincidence matrix.
		if res.Units != 11 || res.Values != 40 {
			t.Errorf("%v: units %d values %d, want 11 and 40", tc.level, res.Units, res.Values)
		}
	}
}

func TestCoincidencesPaperExample(t *testing.T) {
	// The coincidence matrix of section C, values 1..5, margins n_c = 9, 13, 10, 5, 3 and n = 40.
	third := 1.0 / 3
	want := [][]float64{
		{7, 4 * third, third, third, 0},
		{4 * third, 10, 4 * third, third, 0},
		{third, 4 * third, 8, third, 0},
		{third, third, third, 4, 0},
		{0, 0, 0, 0, 3},
	}
	values, o, err := Coincidences(paperExample())
	if err != nil {
		t.Fatal(err)
	}
	if len(values) != 5 {
		t.Fatalf("values %v, want 1..5", values)
	}
	for c := range want {
		if values[c] != float64(c+1) {
			t.Errorf("values[%d] = %v", c, values[c])
		}
		for k := range want[c] {
			if !near(o[c][k], want[c][k], 1e-12) {
				t.Errorf("o[%d][%d] = %v, want %v", c+1, k+1, o[c][k], want[c][k])
			}
		}
	}
}

func TestAlphaPaperTwoObservers(t *testing.T) {
	// Krippendorff (2011), section A (binary data, two observers, no missing data), 10 units:
	// α = 0.095, exactly 1 − 19·4/(14·6) = 2/21 by hand.
	binary := byCoder(
		[]float64{0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
		[]float64{1, 1, 1, 0, 0, 1, 0, 0, 0, 0},
	)
	res, err := Alpha(binary, Nominal)
	if err != nil {
		t.Fatal(err)
	}
	if round3(res.Alpha) != 0.095 || !near(res.Alpha, 2.0/21, 1e-12) {
		t.Errorf("binary alpha = %.5f, paper 0.095 (2/21)", res.Alpha)
	}

	// Section B (nominal data, two observers, no missing data), 12 units with values a..e coded 1..5:
	// α = 0.692 in the paper; ours 0.69196.
	abc := byCoder(
		[]float64{1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1},
		[]float64{2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4},
	)
	res, err = Alpha(abc, Nominal)
	if err != nil {
		t.Fatal(err)
	}
	if round3(res.Alpha) != 0.692 {
		t.Errorf("nominal two-observer alpha = %.5f, paper 0.692", res.Alpha)
	}
}

// referenceAlpha is the paper's formula written out literally: build the coincidence matrix, tabulate δ²_ck for
// every pair of values (ordinal as Σ_{g=c..k} n_g − (n_c+n_k)/2, squared), and sum. Alpha computes the same sums
// without the matrix; this checks that they agree.
func referenceAlpha(t *testing.T, units [][]float64, level Level) float64 {
	t.Helper()
	values, o, err := Coincidences(units)
	if err != nil {
		t.Fatal(err)
	}
	v := len(values)
	nc := make([]float64, v)
	n := 0.0
	for c := range o {
		for k := range o[c] {
			nc[c] += o[c][k]
		}
		n += nc[c]
	}
	delta2 := func(c, k int) float64 {
		a, b := values[c], values[k]
		switch level {
		case Nominal:
			if c == k {
				return 0
			}
			return 1
		case Ordinal:
			lo, hi := min(c, k), max(c, k)
			s := 0.0
			for g := lo; g <= hi; g++ {
				s += nc[g]
			}
			s -= (nc[lo] + nc[hi]) / 2
			return s * s
		case Interval:
			return (a - b) * (a - b)
		default:
			if a+b == 0 {
				return 0
			}
			return (a - b) * (a - b) / ((a + b) * (a + b))
		}
	}
	var do, de float64
	for c := range v {
		for k := range v {
			d := delta2(c, k)
			do += o[c][k] * d
			de += nc[c] * nc[k] * d
		}
	}
	return 1 - (n-1)*do/de
}

// randomData makes units × coders ratings on a 1..scale scale with a share of missing values, where coders mostly
// agree with a per-unit true value, so alpha lands in a realistic range rather than near 0.
func randomData(rng *rand.Rand, units, coders, scale int, missing float64) [][]float64 {
	data := make([][]float64, units)
	for u := range data {
		truth := 1 + rng.IntN(scale)
		data[u] = make([]float64, coders)
		for c := range data[u] {
			switch {
			case rng.Float64() < missing:
				data[u][c] = nan
			case rng.Float64() < 0.7:
				data[u][c] = float64(truth)
			default:
				data[u][c] = float64(1 + rng.IntN(scale))
			}
		}
	}
	return data
}

func TestAlphaMatchesCoincidenceMatrix(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 200 {
		data := randomData(rng, 3+rng.IntN(30), 2+rng.IntN(8), 2+rng.IntN(9), 0.3)
		for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
			res, err := Alpha(data, level)
			if err != nil {
				continue // degenerate draw (no pairable unit or no variation); the error cases are tested below
			}
			if want := referenceAlpha(t, data, level); !near(res.Alpha, want, 1e-9) {
				t.Fatalf("trial %d %v: Alpha %.12f, coincidence matrix %.12f", trial, level, res.Alpha, want)
			}
		}
	}
}

func TestAlphaPerfectAgreement(t *testing.T) {
	data := [][]float64{{1, 1, 1}, {2, 2, nan}, {3, nan, 3}, {5, 5, 5}, {4, nan, nan}}
	for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
		res, err := Alpha(data, level)
		if err != nil || res.Alpha != 1 || res.Observed != 0 {
			t.Errorf("%v: %+v, %v; want alpha exactly 1", level, res, err)
		}
	}
}

func TestAlphaInvariances(t *testing.T) {
	base := paperExample()
	want := map[Level]float64{}
	for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
		res, err := Alpha(base, level)
		if err != nil {
			t.Fatal(err)
		}
		want[level] = res.Alpha
	}
	transform := func(f func(u, c int, x float64) float64, reorder func([][]float64) [][]float64) [][]float64 {
		out := make([][]float64, len(base))
		for u, row := range base {
			out[u] = make([]float64, len(row))
			for c, x := range row {
				out[u][c] = f(u, c, x)
			}
		}
		if reorder != nil {
			out = reorder(out)
		}
		return out
	}
	same := func(u, c int, x float64) float64 { return x }
	reverseCoders := func(d [][]float64) [][]float64 {
		for _, row := range d {
			for i, j := 0, len(row)-1; i < j; i, j = i+1, j-1 {
				row[i], row[j] = row[j], row[i]
			}
		}
		return d
	}
	reverseUnits := func(d [][]float64) [][]float64 {
		for i, j := 0, len(d)-1; i < j; i, j = i+1, j-1 {
			d[i], d[j] = d[j], d[i]
		}
		return d
	}
	addMissingCoder := func(d [][]float64) [][]float64 {
		for u := range d {
			d[u] = append(d[u], nan)
		}
		return d
	}
	addLoneUnits := func(d [][]float64) [][]float64 {
		// A unit with one value, or none, has no pair: it must not move alpha, whatever its value.
		return append(d, []float64{nan, 9, nan, nan}, []float64{nan, nan, nan, nan}, []float64{})
	}
	cases := []struct {
		name   string
		levels []Level
		data   [][]float64
	}{
		{"coders permuted", []Level{Nominal, Ordinal, Interval, Ratio}, transform(same, reverseCoders)},
		{"units permuted", []Level{Nominal, Ordinal, Interval, Ratio}, transform(same, reverseUnits)},
		{"a coder with no values", []Level{Nominal, Ordinal, Interval, Ratio}, transform(same, addMissingCoder)},
		{"units without a pair", []Level{Nominal, Ordinal, Interval, Ratio}, transform(same, addLoneUnits)},
		// Each level is blind to the transformations its scale allows.
		{"relabelled categories", []Level{Nominal}, transform(func(_, _ int, x float64) float64 { return 100 - x*x }, nil)},
		{"monotone recoding", []Level{Ordinal, Nominal}, transform(func(_, _ int, x float64) float64 { return math.Exp(x) }, nil)},
		{"affine rescaling", []Level{Interval}, transform(func(_, _ int, x float64) float64 { return 20*x - 7 }, nil)},
		{"change of unit", []Level{Ratio}, transform(func(_, _ int, x float64) float64 { return 2.5 * x }, nil)},
	}
	for _, tc := range cases {
		for _, level := range tc.levels {
			res, err := Alpha(tc.data, level)
			if err != nil || !near(res.Alpha, want[level], 1e-12) {
				t.Errorf("%s, %v: alpha %v (%v), want %v", tc.name, level, res.Alpha, err, want[level])
			}
		}
	}
}

func TestAlphaTwoCodersSymmetric(t *testing.T) {
	// Swapping the two coders' columns is the same as reading the pairs the other way round: o_ck = o_kc.
	rng := rand.New(rand.NewPCG(1, 2))
	data := randomData(rng, 40, 2, 5, 0.1)
	swapped := make([][]float64, len(data))
	for u, row := range data {
		swapped[u] = []float64{row[1], row[0]}
	}
	for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
		a, errA := Alpha(data, level)
		b, errB := Alpha(swapped, level)
		if errA != nil || errB != nil || !near(a.Alpha, b.Alpha, 1e-12) {
			t.Errorf("%v: %v (%v) vs swapped %v (%v)", level, a.Alpha, errA, b.Alpha, errB)
		}
	}
	_, o, _ := Coincidences(data)
	for c := range o {
		for k := range o {
			if !near(o[c][k], o[k][c], 1e-12) {
				t.Fatalf("coincidence matrix not symmetric at %d,%d", c, k)
			}
		}
	}
}

func TestAlphaErrors(t *testing.T) {
	cases := []struct {
		name  string
		data  [][]float64
		level Level
		want  error
	}{
		{"no data", nil, Interval, ErrAlphaTooFew},
		{"only lone values", [][]float64{{1, nan}, {nan, 2}, {3}}, Interval, ErrAlphaTooFew},
		{"all the same", [][]float64{{3, 3}, {3, 3, nan}, {4, nan}}, Nominal, ErrAlphaNoVariation},
		{"same after dropping lone values", [][]float64{{0.1, 0.1, 0.1}, {0.7}}, Interval, ErrAlphaNoVariation},
		{"infinite value", [][]float64{{1, math.Inf(1)}, {2, 2}}, Interval, ErrAlphaNotFinite},
		{"negative ratio", [][]float64{{1, -1}, {2, 2}}, Ratio, ErrAlphaNegative},
		{"level not set", [][]float64{{1, 2}, {2, 2}}, 0, ErrAlphaLevel},
	}
	for _, tc := range cases {
		if _, err := Alpha(tc.data, tc.level); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
	// Negative values are fine below the ratio level.
	if _, err := Alpha([][]float64{{-1, -2}, {3, 3}}, Interval); err != nil {
		t.Errorf("negative interval values: %v", err)
	}
}

func TestAlphaRatioZeros(t *testing.T) {
	// Two zeros do not differ; zero against anything else is a full relative difference of 1.
	res, err := Alpha([][]float64{{0, 0}, {0, 4}, {4, 4}}, Ratio)
	if err != nil {
		t.Fatal(err)
	}
	// n = 6, values 0 ×3 and 4 ×3; observed Σ o δ² = 2, expected Σ n_c n_k δ² = 2·3·3 = 18; α = 1 − 5·2/18.
	if !near(res.Alpha, 1-5*2.0/18, 1e-12) {
		t.Errorf("alpha %v, want %v", res.Alpha, 1-5*2.0/18)
	}
}

func TestLevelString(t *testing.T) {
	for level, want := range map[Level]string{Nominal: "定类", Ordinal: "定序", Interval: "定距", Ratio: "定比", 0: "未知尺度"} {
		if got := level.String(); got != want {
			t.Errorf("%d: %q, want %q", int(level), got, want)
		}
	}
}

// benchData is one indicator of a class: 45 students × 10 raters on a 5-point scale, 10% missing.
func benchData() [][]float64 {
	return randomData(rand.New(rand.NewPCG(45, 10)), 45, 10, 5, 0.1)
}

func benchmarkAlpha(b *testing.B, level Level) {
	data := benchData()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Alpha(data, level); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAlphaNominal45x10(b *testing.B)  { benchmarkAlpha(b, Nominal) }
func BenchmarkAlphaOrdinal45x10(b *testing.B)  { benchmarkAlpha(b, Ordinal) }
func BenchmarkAlphaInterval45x10(b *testing.B) { benchmarkAlpha(b, Interval) }
func BenchmarkAlphaRatio45x10(b *testing.B)    { benchmarkAlpha(b, Ratio) }

// BenchmarkAlphaClass40Items is a whole class: alpha of each of the 40 indicators, 45 students × 10 raters each.
func BenchmarkAlphaClass40Items(b *testing.B) {
	rng := rand.New(rand.NewPCG(45, 40))
	items := make([][][]float64, 40)
	for i := range items {
		items[i] = randomData(rng, 45, 10, 5, 0.1)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range items {
			if _, err := Alpha(data, Interval); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAlphaIntervalContinuous is the worst case for a coincidence matrix: 1,800 units × 10 raters of
// continuous scores, nearly every value distinct (a matrix would have ~16,000² cells; Alpha builds none).
func BenchmarkAlphaIntervalContinuous(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	data := make([][]float64, 1800)
	for u := range data {
		truth := rng.Float64() * 100
		data[u] = make([]float64, 10)
		for c := range data[u] {
			data[u][c] = truth + rng.NormFloat64()*5
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Alpha(data, Interval); err != nil {
			b.Fatal(err)
		}
	}
}
