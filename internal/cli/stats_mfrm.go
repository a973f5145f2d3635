package cli

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"zhijiao/internal/mfrm"
)

// statsMFRM runs `zhijiao stats mfrm`: a long file (student,rater,item,score), the model fitted, and one CSV of every
// element's measure: raters, then items, then students, then the thresholds.
func statsMFRM(e *env, t *table) error {
	cols := map[string]int{}
	for k, h := range t.header {
		cols[strings.ToLower(h)] = k
	}
	for _, want := range []string{"student", "rater", "item", "score"} {
		if _, ok := cols[want]; !ok {
			return fmt.Errorf("表头缺少 %q 列：应为 student,rater,item,score / the header needs a %q column", want, want)
		}
	}
	labels := [3]*labelIDs{newLabelIDs(), newLabelIDs(), newLabelIDs()}
	ratings := make([]mfrm.Rating, 0, len(t.rows))
	for i, rec := range t.rows {
		var ids [3]int64
		for f, name := range []string{"student", "rater", "item"} {
			c := cols[name]
			if rec[c] == "" {
				return t.cellError(i, c, "不能为空 / must not be empty")
			}
			ids[f] = labels[f].id(rec[c])
		}
		c := cols["score"]
		x, err := strconv.ParseFloat(rec[c], 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return t.cellError(i, c, "分数不是数字 / score is not a number")
		}
		ratings = append(ratings, mfrm.Rating{Student: ids[0], Rater: ids[1], Item: ids[2], Score: x})
	}
	res, err := mfrm.Fit(ratings, mfrm.Options{})
	var de *mfrm.DisconnectedError
	switch {
	case errors.As(err, &de):
		return disconnectedMessage(de, labels)
	case errors.Is(err, mfrm.ErrNotConverged):
		// Without convergence some estimates run off towards infinity (a rater who is always exactly one step above
		// another, a category used once): printing them would invite reading them.
		return fmt.Errorf("%w：通常是数据太少，或某些评分者、类别的评分完全分开，最大似然估计不存在；未输出估计值 / not converged: too few ratings or separated data, no estimates printed", err)
	case err != nil:
		return err
	}
	w := csv.NewWriter(e.stdout)
	w.Write([]string{"facet", "id", "measure", "se", "infit", "outfit", "count", "observed", "fair", "extreme"})
	for _, part := range []struct {
		name string
		ms   []mfrm.Measure
		ids  *labelIDs
	}{{"rater", res.Raters, labels[1]}, {"item", res.Items, labels[2]}, {"student", res.Students, labels[0]}} {
		for _, m := range part.ms {
			w.Write([]string{part.name, part.ids.names[m.ID], fixed(m.Measure), fixed(m.SE), fixed(m.Infit), fixed(m.Outfit),
				strconv.Itoa(m.Count), fixed(m.Observed), fixed(m.Fair), strconv.FormatBool(m.Extreme)})
		}
	}
	for h, tau := range res.Thresholds {
		w.Write([]string{"threshold", strconv.Itoa(h + 1), fixed(tau), "", "", "", "", "", "", ""})
	}
	w.Flush()
	return w.Error()
}

// labelIDs numbers the labels of one facet.
type labelIDs struct {
	of    map[string]int64
	names []string
}

func newLabelIDs() *labelIDs { return &labelIDs{of: map[string]int64{}} }

func (l *labelIDs) id(name string) int64 {
	x, ok := l.of[name]
	if !ok {
		x = int64(len(l.names))
		l.of[name] = x
		l.names = append(l.names, name)
	}
	return x
}

// disconnectedMessage rewrites a DisconnectedError with the file's labels, listing a few of each subset.
func disconnectedMessage(de *mfrm.DisconnectedError, labels [3]*labelIDs) error {
	facetLabels := map[mfrm.Facet]*labelIDs{mfrm.Students: labels[0], mfrm.Raters: labels[1], mfrm.Items: labels[2]}
	var b strings.Builder
	fmt.Fprintf(&b, "设计不连通 / disconnected design：%s与%s分成 %d 个子集，子集之间无法比较，未输出估计值", de.A, de.B, len(de.Subsets))
	for k, s := range de.Subsets {
		fmt.Fprintf(&b, "\n  子集 / subset %d：%s %s；%s %s", k+1, de.A, sample(s.A, facetLabels[de.A]), de.B, sample(s.B, facetLabels[de.B]))
	}
	return errors.New(b.String())
}

func sample(ids []int64, l *labelIDs) string {
	var names []string
	for k, id := range ids {
		if k == 5 {
			names = append(names, fmt.Sprintf("……共 %d 个", len(ids)))
			break
		}
		names = append(names, l.names[id])
	}
	return strings.Join(names, "、")
}
