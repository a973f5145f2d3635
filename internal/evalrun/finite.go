package evalrun

import (
	"fmt"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// dropNonFinite leaves out every stored input holding NaN or ±Inf and
// names it. Such a number once slipped in through a form ("NaN" passed
// range checks) and then every recompute of the cycle failed while
// encoding the results, with no way back but SQL. Now the row is reported
// in the summary (and the audit's info) and the rest is computed.
func dropNonFinite(sheets []eval.Sheet, evidence []model.Evidence, corr []storage.Correction) ([]eval.Sheet, []model.Evidence, []storage.Correction, []string) {
	var skipped []string
	for i := range sheets {
		sh := &sheets[i]
		kept := sh.Items[:0:0]
		for _, it := range sh.Items {
			if validate.Finite(it.Value) {
				kept = append(kept, it)
				continue
			}
			skipped = append(skipped, fmt.Sprintf("评分表 %d（学生 %d）指标 %s 的分数不是有效数字", sh.ID, sh.StudentID, it.IndicatorCode))
		}
		if len(kept) != len(sh.Items) {
			sh.Items = kept
		}
	}
	ev := evidence[:0:0]
	for _, e := range evidence {
		if validate.Finite(e.Hours) && validate.Finite(e.Points) && validate.Finite(e.MentorScore) {
			ev = append(ev, e)
			continue
		}
		skipped = append(skipped, fmt.Sprintf("写实记录 %d（学生 %d）的时长、分值或导师评分不是有效数字", e.ID, e.StudentID))
	}
	cs := corr[:0:0]
	for _, c := range corr {
		if validate.Finite(c.Value) {
			cs = append(cs, c)
			continue
		}
		skipped = append(skipped, fmt.Sprintf("申诉更正 %d（学生 %d）的调整值不是有效数字", c.ID, c.StudentID))
	}
	return sheets, ev, cs, skipped
}
