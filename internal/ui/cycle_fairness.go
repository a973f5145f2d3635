package ui

import (
	"fmt"
	"math"
	"net/http"

	"zhijiao/internal/eval"
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

// raterKey makes one id space for raters of every role, so a teacher and
// a student with the same row id are different raters.
func raterKey(role model.RaterRole, id int64) int64 { return int64(role.Index())<<48 | id }

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

func (s *Server) fairness(r *http.Request, c storage.EvalCycle, d *fairnessData) error {
	ctx, school := r.Context(), schoolOf(r)
	f, err := s.st.Framework(ctx, school, c.FrameworkID)
	if err != nil {
		return err
	}
	rs, err := s.st.ClassRatings(ctx, school, c.ID, d.ClassID)
	if err != nil {
		return err
	}
	d.Ratings = len(rs)
	students, _, err := s.st.Students(ctx, school, storage.StudentFilter{ListQuery: model.AllRows(), ClassID: d.ClassID})
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, st := range students {
		names[st.ID] = st.Name
	}
	inds := eval.Indicators(f)
	index := map[string]int{}
	dimOf := map[string]string{}
	for _, dim := range f.Dimensions {
		for _, ind := range dim.Indicators {
			dimOf[ind.Code] = dim.Name
		}
	}
	for i, ind := range inds {
		index[ind.Code] = i
	}
	var flat []stats.Rating
	peerCells := make([]map[int64]map[int64]float64, len(inds)) // indicator → student → peer → points
	for _, x := range rs {
		i, ok := index[x.IndicatorCode]
		if !ok {
			continue
		}
		pts, ok := eval.ScalePoints(inds[i].Scale, x.Value, x.Level)
		if !ok {
			continue
		}
		flat = append(flat, stats.Rating{Rater: raterKey(x.RaterRole, x.RaterID), Target: x.StudentID, Item: int64(i), Value: pts, Self: x.RaterRole == model.RaterSelf})
		if x.RaterRole == model.RaterPeer {
			if peerCells[i] == nil {
				peerCells[i] = map[int64]map[int64]float64{}
			}
			if peerCells[i][x.StudentID] == nil {
				peerCells[i][x.StudentID] = map[int64]float64{}
			}
			peerCells[i][x.StudentID][x.RaterID] = pts
		}
	}
	for i, ind := range inds {
		if ind.RoleWeights[model.RaterPeer] <= 0 {
			continue
		}
		fi := fairnessIndicator{Dimension: dimOf[ind.Code], Name: ind.Name}
		raters := map[int64]int{}
		for _, byPeer := range peerCells[i] {
			for p := range byPeer {
				if _, ok := raters[p]; !ok {
					raters[p] = len(raters)
				}
			}
		}
		fi.Peers = len(raters)
		units := make([][]float64, 0, len(peerCells[i]))
		for _, byPeer := range peerCells[i] {
			row := make([]float64, len(raters))
			for j := range row {
				row[j] = math.NaN()
			}
			for p, v := range byPeer {
				row[raters[p]] = v
			}
			units = append(units, row)
		}
		if res, err := stats.Alpha(units, stats.Interval); err == nil {
			fi.Alpha = fmt.Sprintf("%.2f", res.Alpha)
			fi.Low = res.Alpha < 0.667 // below Krippendorff's lowest bar for tentative conclusions
		} else {
			fi.Alpha = "数据不足"
		}
		d.Indicators = append(d.Indicators, fi)
	}
	who := func(key int64) string {
		role := model.RaterRole("")
		for _, ro := range []model.RaterRole{model.RaterSelf, model.RaterPeer, model.RaterHeadTeacher, model.RaterSubjectTeacher, model.RaterMentor, model.RaterParent} {
			if int64(ro.Index()) == key>>48 {
				role = ro
			}
		}
		id := key & (1<<48 - 1)
		if n, ok := names[id]; ok && (role == model.RaterPeer || role == model.RaterSelf) {
			return n + "（" + role.Name() + "）"
		}
		return fmt.Sprintf("%s #%d", role.Name(), id)
	}
	rep := stats.Flags(flat, stats.FlagConfig{})
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
			d.Flags = append(d.Flags, fairnessFlag{Kind: g.Kind, Who: names[g.Target], Detail: fmt.Sprintf("自评比他评平均 %+.1f 分（%d 项）", g.Gap, g.Items)})
		}
	}
	return nil
}
