package ui

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// The check pages (截止检查, 计算前检查, 公示检查) show what closing,
// computing or publicising a cycle will do before the admin does it:
// completion per class, and for computing and publicising the students who
// will be 待补评 and why. Publicising waits until every 待补评 student is
// held back with a reason (storage refuses it otherwise, whatever page
// asks).

type cycleCheckData struct {
	Cycle       storage.EvalCycle
	To          model.CycleState
	Label       string
	Allowed     bool
	Notes       []string
	Lagging     []classProgress // classes not finished, the furthest behind first
	Finished    int             // classes with every task done
	Done, Total int
	Drafts      int
	ZeroClasses int
	Unfinished  int
	CanRemind   bool
	// Incomplete students by class: by a dry run of the engine before
	// computing, from the stored results before publicising.
	Incomplete      []classIncomplete
	IncompleteCount int
	Unheld          int // 待补评 and not held back: publicising is refused
	Exclusions      []exclusionView
	CanExclude      bool
}

type classIncomplete struct {
	ClassID  int64
	Name     string
	Size     int
	Held     bool // the whole class is held back
	Students []incompleteStudent
}

type incompleteStudent struct {
	ID    int64
	Name  string
	Lines []string
	Held  bool
}

type exclusionView struct {
	storage.Exclusion
	ClassName, StudentName string
}

// maxReasons bounds how many stored results a check page opens to say why
// a student is 待补评; a class at 0% says it once for everyone anyway.
const maxReasons = 300

// cycleCheck is GET /cycles/{id}/check?to=closed|computed|publicised.
func (s *Server) cycleCheck(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	to := model.CycleState(r.URL.Query().Get("to"))
	if to != model.CycleClosed && to != model.CycleComputed && to != model.CyclePublicised {
		s.errorPage(w, r, http.StatusNotFound, "页面不存在")
		return
	}
	d := cycleCheckData{Cycle: c, To: to, Allowed: eval.CanMove(c.State, to)}
	if err := s.fillCheck(r, &d); err != nil {
		s.serverError(w, r, err)
		return
	}
	title := map[model.CycleState]string{model.CycleClosed: "截止前检查", model.CycleComputed: "计算前检查", model.CyclePublicised: "公示检查"}[to]
	s.render(w, r, http.StatusOK, "cycle_check", title, d)
}

func (s *Server) fillCheck(r *http.Request, d *cycleCheckData) error {
	ctx, school, c := r.Context(), schoolOf(r), d.Cycle
	classes, unfinished, err := s.cycleProgress(r, c.ID)
	if err != nil {
		return err
	}
	d.Unfinished = unfinished
	for _, cl := range classes {
		d.Done, d.Drafts, d.Total = d.Done+cl.Done, d.Drafts+cl.Drafts, d.Total+cl.Total
		if cl.Done == 0 {
			d.ZeroClasses++
		}
		if cl.Done < cl.Total {
			d.Lagging = append(d.Lagging, cl)
		} else {
			d.Finished++
		}
	}
	slices.SortStableFunc(d.Lagging, func(a, b classProgress) int { return cmp.Compare(a.Done*b.Total, b.Done*a.Total) })
	d.CanRemind = c.State == model.CycleOpen && s.authz.Can(userOf(r), "cycle:manage")
	names := map[int64]string{}
	for _, cl := range classes {
		names[cl.ClassID] = cl.Name
	}
	switch d.To {
	case model.CycleClosed:
		d.Label = "截止评价"
		d.Notes = []string{"截止后不能再提交评价；草稿（未填完的评分表）不计入结果。", "未完成的评价任务在计算时按无人评价处理，缺少必需评价者的学生将待补评。", "只有学校管理员可以重新开放补评。"}
	case model.CycleComputed:
		d.Label = "计算结果"
		d.Notes = []string{"按截止时完整的评分表、本学期已审核的写实记录和申诉更正，计算每名学生的结果。", "待补评的学生没有总分、排名和等级，也不占名额；公示前须补评或暂不公示。"}
		if c.State == model.CyclePublicised {
			d.Label = "重新计算全部结果"
			d.Notes = []string{"重新计算全部学生的结果。公示继续进行：公示期不变，学生和家长一直能看到结果，不会被隐藏。",
				"如重新计算后有待补评且未暂不公示的学生，本次计算不会保存，公示中的结果保持不变。",
				"申诉成立时系统已自动更新该生及其所在名额组的结果，无需在此重新计算。"}
		} else if c.State == model.CycleComputed {
			d.Label = "重新计算"
		}
		if d.Allowed {
			results, err := evalrun.Preview(ctx, s.st, school, c.ID)
			if err != nil {
				return err
			}
			if err := s.previewIncomplete(r, d, results, names); err != nil {
				return err
			}
		}
	case model.CyclePublicised:
		d.Label = "开始公示"
		d.Notes = []string{fmt.Sprintf("公示 %d 个工作日，从今天开始。", c.PublicityDays), "公示期间全班可以看到姓名和等级（不公开分数），学生和家长可以对本人结果提出申诉。", "暂不公示的学生在公示名单中显示为“暂不公示”，本人和家长看不到结果。"}
		d.CanExclude = c.State == model.CycleComputed && s.authz.Can(userOf(r), "cycle:manage")
		if c.State == model.CycleComputed || c.State == model.CyclePublicised {
			if err := s.storedIncomplete(r, d, names); err != nil {
				return err
			}
		}
	}
	return nil
}

// previewIncomplete fills the 待补评 students of a dry run, marking those
// already held back (a recompute during 公示 keeps them held back).
func (s *Server) previewIncomplete(r *http.Request, d *cycleCheckData, results []model.StudentResult, names map[int64]string) error {
	held, err := s.st.ExcludedStudents(r.Context(), schoolOf(r), d.Cycle.ID, 0)
	if err != nil {
		return err
	}
	var ids []int64
	byClass := map[int64]*classIncomplete{}
	var order []int64
	for i := range results {
		res := &results[i]
		ci := byClass[res.ClassID]
		if ci == nil {
			ci = &classIncomplete{ClassID: res.ClassID, Name: names[res.ClassID]}
			byClass[res.ClassID] = ci
			order = append(order, res.ClassID)
		}
		ci.Size++
		if !resultIncomplete(res) {
			continue
		}
		d.IncompleteCount++
		if !held[res.StudentID] {
			d.Unheld++
		}
		ids = append(ids, res.StudentID)
		ci.Students = append(ci.Students, incompleteStudent{ID: res.StudentID, Lines: missingLines(res), Held: held[res.StudentID]})
	}
	stNames, err := s.st.RaterNames(r.Context(), schoolOf(r), model.RaterSelf, ids)
	if err != nil {
		return err
	}
	for _, id := range order {
		ci := byClass[id]
		if len(ci.Students) == 0 {
			continue
		}
		for i := range ci.Students {
			ci.Students[i].Name = stNames[ci.Students[i].ID]
		}
		d.Incomplete = append(d.Incomplete, *ci)
	}
	return nil
}

// storedIncomplete fills the 待补评 students of the stored results, which
// of them are held back, and the exclusions.
func (s *Server) storedIncomplete(r *http.Request, d *cycleCheckData, names map[int64]string) error {
	ctx, school, c := r.Context(), schoolOf(r), d.Cycle
	rows, err := s.st.CycleResults(ctx, school, c.ID, 0)
	if err != nil {
		return err
	}
	held, err := s.st.ExcludedStudents(ctx, school, c.ID, 0)
	if err != nil {
		return err
	}
	xs, err := s.st.Exclusions(ctx, school, c.ID)
	if err != nil {
		return err
	}
	wholeClass := map[int64]bool{}
	studentName := map[int64]string{}
	for _, row := range rows {
		studentName[row.StudentID] = row.StudentName
	}
	for _, x := range xs {
		if x.StudentID == 0 {
			wholeClass[x.ClassID] = true
		}
		d.Exclusions = append(d.Exclusions, exclusionView{Exclusion: x, ClassName: names[x.ClassID], StudentName: studentName[x.StudentID]})
	}
	byClass := map[int64]*classIncomplete{}
	var order []int64
	opened := 0
	for _, row := range rows {
		ci := byClass[row.ClassID]
		if ci == nil {
			ci = &classIncomplete{ClassID: row.ClassID, Name: names[row.ClassID], Held: wholeClass[row.ClassID]}
			byClass[row.ClassID] = ci
			order = append(order, row.ClassID)
		}
		ci.Size++
		if row.Complete && !row.Incomplete {
			continue
		}
		d.IncompleteCount++
		if !held[row.StudentID] {
			d.Unheld++
		}
		st := incompleteStudent{ID: row.StudentID, Name: row.StudentName, Held: held[row.StudentID], Lines: row.Missing}
		if len(st.Lines) == 0 && opened < maxReasons { // computed before the engine said why
			opened++
			if res, err := s.st.StudentResult(ctx, school, c.ID, row.StudentID); err == nil {
				st.Lines = missingLines(&res)
			}
		}
		ci.Students = append(ci.Students, st)
	}
	for _, id := range order {
		if ci := byClass[id]; len(ci.Students) > 0 {
			d.Incomplete = append(d.Incomplete, *ci)
		}
	}
	return nil
}

// resultIncomplete is 待补评: the engine's flag, or, for results computed
// before it existed, an indicator nobody rated.
func resultIncomplete(r *model.StudentResult) bool { return r.Incomplete || !r.Complete }

// missingLines says why a result is 待补评: the engine's own lines when it
// gives them, else the indicators nobody rated.
func missingLines(r *model.StudentResult) []string {
	if len(r.Missing) > 0 {
		return r.Missing
	}
	var unrated []string
	all := 0
	for _, d := range r.Dimensions {
		for _, ind := range d.Indicators {
			all++
			if !ind.Rated {
				unrated = append(unrated, ind.Code+" "+ind.Name)
			}
		}
	}
	switch {
	case len(unrated) == 0:
		return nil
	case len(unrated) == all:
		return []string{"尚无任何评价"}
	case len(unrated) > 5:
		return []string{fmt.Sprintf("未评：%s 等 %d 项", strings.Join(unrated[:5], "、"), len(unrated))}
	}
	return []string{"未评：" + strings.Join(unrated, "、")}
}

// cycleExclude is POST /cycles/{id}/exclusions: hold back the ticked
// classes and students from 公示, with the written reason.
func (s *Server) cycleExclude(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	back := "/cycles/" + strconv.FormatInt(c.ID, 10) + "/check?to=publicised"
	if err := r.ParseForm(); err != nil {
		s.flashError(r, "表单无效")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	ids := func(key string) ([]int64, bool) {
		var out []int64
		for _, v := range r.Form[key] {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				return nil, false
			}
			out = append(out, id)
		}
		return out, true
	}
	classes, ok1 := ids("class")
	students, ok2 := ids("student")
	if !ok1 || !ok2 {
		s.flashError(r, "所选班级或学生无效")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	n, err := s.st.ExcludeResults(r.Context(), schoolOf(r), actor(r), c.ID, classes, students, r.FormValue("reason"))
	if err != nil {
		s.flashError(r, err.Error())
	} else {
		s.flash(r, fmt.Sprintf("已设置暂不公示 %d 项", n))
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// cycleInclude is POST /cycles/{id}/exclusions/{x}/delete: publicise a
// held-back class or student after all (before 公示 starts).
func (s *Server) cycleInclude(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	x, ok := httpx.PathID(r, "x")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	err := s.st.RemoveExclusion(r.Context(), schoolOf(r), actor(r), c.ID, x)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	case err != nil:
		s.flashError(r, err.Error())
	default:
		s.flash(r, "已撤销暂不公示")
	}
	http.Redirect(w, r, "/cycles/"+strconv.FormatInt(c.ID, 10)+"/check?to=publicised", http.StatusSeeOther)
}
