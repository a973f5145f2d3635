package ui

import (
	"fmt"
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

type fairnessIndicator struct {
	Dimension, Name string
	Peers           int    // distinct peer raters
	Alpha           string // Krippendorff's alpha (定距) over the peers, or why there is none
	Low             bool
}

type fairnessFlag struct {
	Kind   stats.FlagKind
	Who    string
	Detail string
}

// cycleFairness is the teacher's view of how fairly a class was rated:
// the peers' agreement per indicator (Krippendorff's alpha) and the raters
// worth a second look (全部同分, 偏宽, 偏严) and students whose self-rating
// is far from the others' (自评高估/低估). Staff see who the raters are;
// students never see this page.
func (s *Server) cycleFairness(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cf := storage.ClassFilter{ListQuery: model.AllRows()}
	if !sc.All {
		cf.Scoped, cf.ClassIDs = true, sc.ClassIDs
	}
	classes, _, err := s.st.Classes(ctx, school, cf)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := fairnessData{Cycle: c, Classes: classes, ClassID: queryInt(r, "class")}
	if d.ClassID == 0 && len(classes) > 0 {
		d.ClassID = classes[0].ID
	}
	for _, cl := range classes {
		if cl.ID == d.ClassID {
			d.ClassName = cl.Name
		}
	}
	if d.ClassID != 0 && d.ClassName == "" {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在") // not a class of this user's scope
		return
	}
	if d.ClassID != 0 {
		if err := s.fairness(r, c, &d); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "cycle_fairness", "评分者信度与提示", d)
}

// fairness fills the page from evalrun.Fairness: the agreement as the
// table shows it, and each flag in words.
func (s *Server) fairness(r *http.Request, c storage.EvalCycle, d *fairnessData) error {
	fa, err := evalrun.Fairness(r.Context(), s.st, schoolOf(r), c, d.ClassID)
	if err != nil {
		return err
	}
	d.Ratings = fa.Ratings
	for _, a := range fa.Indicators {
		fi := fairnessIndicator{Dimension: a.Dimension, Name: a.Name, Peers: a.Raters, Low: a.Low()}
		if a.Err == nil {
			fi.Alpha = fmt.Sprintf("%.2f", a.Alpha.Alpha)
		} else {
			fi.Alpha = "数据不足"
		}
		d.Indicators = append(d.Indicators, fi)
	}
	who := func(key int64) string {
		role, id := evalrun.RaterOf(key)
		if n, ok := fa.Names[id]; ok && (role == model.RaterPeer || role == model.RaterSelf) {
			return n + "（" + role.Name() + "）"
		}
		return fmt.Sprintf("%s #%d", role.Name(), id)
	}
	rep := fa.Flags
	for _, sl := range rep.StraightLines {
		d.Flags = append(d.Flags, fairnessFlag{Kind: sl.Kind, Who: who(sl.Rater), Detail: fmt.Sprintf("%d 个指标对所有人给了同一分数", len(sl.Items))})
	}
	for _, l := range rep.Leniency {
		if l.Kind != "" {
			d.Flags = append(d.Flags, fairnessFlag{Kind: l.Kind, Who: who(l.Rater), Detail: fmt.Sprintf("平均比其他评价者 %+.1f 分（z = %.1f，共 %d 项）", l.MeanDeviation, l.Z, l.Shared)})
		}
	}
	for _, g := range rep.SelfGaps {
		if g.Kind != "" {
			d.Flags = append(d.Flags, fairnessFlag{Kind: g.Kind, Who: fa.Names[g.Target], Detail: fmt.Sprintf("自评比他评平均 %+.1f 分（%d 项）", g.Gap, g.Items)})
		}
	}
	return nil
}
