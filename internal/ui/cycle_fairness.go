package ui

import (
	"fmt"
	"math"
	"net/http"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
	"zhijiao/internal/storage"
)

type fairnessData struct {
	Cycle      storage.EvalCycle
	Classes    []model.Class
	ClassID    int64
	ClassName  string
	Indicators []fairnessIndicator
	Flags      []fairnessFlag
	Ratings    int
}

// fairnessIndicator is one row of the reliability table, formatted: every
// number with 3 decimals, and a state label where alpha has no number.
type fairnessIndicator struct {
	Dimension, Name string
	Level           string // alpha's metric: 定序 or 定距
	Peers           int    // distinct peer raters
	Students        int    // students with at least 2 peer ratings
	Values          int    // pairable peer ratings
	Alpha           string // one peer's Krippendorff alpha, or what the data came to (完全一致, 数据不足, …)
	Interval        string // its 95% bootstrap interval, "" without one
	Low             bool   // one peer's alpha is below 0.667 (the group portrait counts these)
	K               int    // the typical number of peers per student
	Mean            string // the reliability of the mean of K peers, "—" without alpha
	MeanInterval    string
	Badge           string // "warn" or "tentative": the mean is below 0.667 or 0.80
	Needed          string // peers needed for 0.80
	Agreement       *fairnessAgreement
}

// fairnessAgreement is the level-scale agreement, formatted.
type fairnessAgreement struct {
	Exact, Adjacent, Kappa, Fleiss, AC1 string
	Pairs, KappaPairs                   int
	FleissStudents, FleissRaters        int
}

type fairnessFlag struct {
	Kind   stats.FlagKind
	Who    string
	Detail string
}

// cycleFairness is the teacher's view of how fairly a class was rated:
// the peers' reliability per indicator (Krippendorff's alpha for one peer
// and for the mean of the peers the score uses, and for level scales the
// agreement coefficients) and the raters worth a second look (全部同分,
// 偏宽, 偏严) and students whose self-rating is far from the others'
// (自评高估/低估). Staff see who the raters are; students never see it.
func (s *Server) cycleFairness(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	classes, classID, className, ok := s.fairnessClass(w, r)
	if !ok {
		return
	}
	d := fairnessData{Cycle: c, Classes: classes, ClassID: classID, ClassName: className}
	if d.ClassID != 0 {
		if err := s.fairness(r, c, &d); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "cycle_fairness", "评分者信度与提示", d)
}

// fairness fills the page from evalrun.Fairness: the reliability as the
// table shows it, and each flag with its reason in the page's language.
func (s *Server) fairness(r *http.Request, c storage.EvalCycle, d *fairnessData) error {
	fa, err := evalrun.Fairness(r.Context(), s.st, schoolOf(r), c, d.ClassID)
	if err != nil {
		return err
	}
	d.Ratings = fa.Ratings
	for _, a := range fa.Indicators {
		d.Indicators = append(d.Indicators, fairnessRow(a))
	}
	en := langOf(r) == "en"
	for _, f := range fa.Flags {
		who := fmt.Sprintf("%s #%d", f.Role.Name(), f.RaterID)
		if n, ok := fa.Names[f.RaterID]; ok && (f.Role == model.RaterPeer || f.Role == model.RaterSelf) {
			who = n + "（" + f.Role.Name() + "）"
		} else if f.Name != "" {
			who = f.Name + "（" + f.Role.Name() + "）"
		}
		detail := f.Reason
		if en {
			detail = f.ReasonEn
		}
		d.Flags = append(d.Flags, fairnessFlag{Kind: f.Kind, Who: who, Detail: detail})
	}
	return nil
}

// fairnessRow formats one indicator's reliability for the table.
func fairnessRow(a evalrun.IndicatorReliability) fairnessIndicator {
	fi := fairnessIndicator{Dimension: a.Dimension, Name: a.Name, Level: a.Level.String(), Peers: a.Peers, Students: a.Students,
		Values: a.Alpha.Values, K: a.K, Mean: dec3(a.Mean), MeanInterval: interval3(a.MeanLow, a.MeanHigh), Badge: a.Badge(), Needed: "—"}
	switch a.Alpha.State {
	case stats.AlphaEstimated:
		fi.Alpha = dec3(a.Alpha.Alpha)
		fi.Interval = interval3(a.Alpha.Low, a.Alpha.High)
		fi.Low = a.Alpha.Alpha < stats.TentativeAlpha
	case stats.AlphaPerfect:
		fi.Alpha = "1.000（完全一致）"
	default:
		fi.Alpha = a.Alpha.State.String()
	}
	if a.NeededOK {
		fi.Needed = fmt.Sprint(a.Needed)
	} else if !math.IsNaN(a.Mean) {
		fi.Needed = "无法达到"
	}
	if ag := a.Agreement; ag != nil {
		fi.Agreement = &fairnessAgreement{Exact: sharePct(ag.Exact), Adjacent: sharePct(ag.Adjacent), Kappa: dec3(ag.Kappa), Fleiss: dec3(ag.Fleiss), AC1: dec3(ag.AC1),
			Pairs: ag.Pairs, KappaPairs: ag.KappaPairs, FleissStudents: ag.FleissStudents, FleissRaters: ag.FleissRaters}
	}
	return fi
}

// dec3 writes a coefficient with 3 decimals, "—" when it is undefined.
func dec3(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	return fmt.Sprintf("%.3f", x)
}

func interval3(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return ""
	}
	return fmt.Sprintf("[%.3f, %.3f]", lo, hi)
}

func sharePct(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}
