package ui

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"zhijiao/internal/model"
	"zhijiao/internal/ratesheet"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
)

// maxRateSheet bounds an uploaded rating workbook: a teacher's largest
// (a few hundred students × 40 indicators) is well under 1 MB.
const maxRateSheet = 5 << 20

type offlineData struct {
	Cycle     storage.EvalCycle
	Role      model.RaterRole
	Students  int
	Open      bool
	FileError string
	Errors    []roster.RowError
	More      int
	Report    string
	Saved     bool
	Rated     int // students with values in the file
	Written   int // rating rows written (0 on an identical re-upload)
	Total     int // ratings in the file
}

// offlineSheet is the workbook of one rater: their students with class
// names, and (for downloads) their current ratings.
func (s *Server) offlineSheet(r *http.Request, e entry, withCurrent bool) (ratesheet.Sheet, error) {
	ctx, school := r.Context(), schoolOf(r)
	sh := ratesheet.Sheet{Key: ratesheet.Key{SchoolID: school, CycleID: e.Cycle.ID, Role: e.Role, RaterID: e.RaterID},
		Title: e.Cycle.Name + " · " + e.Role.Name() + " · " + userOf(r).DisplayName, Framework: e.Framework}
	names, err := s.classNames(r)
	if err != nil {
		return sh, err
	}
	tasks := slices.Clone(e.Tasks)
	slices.SortStableFunc(tasks, func(a, b storage.RaterTask) int { // class by class, 学号 order inside
		if names[a.ClassID] < names[b.ClassID] {
			return -1
		}
		if names[a.ClassID] > names[b.ClassID] {
			return 1
		}
		return 0
	})
	for _, t := range tasks {
		sh.Students = append(sh.Students, ratesheet.Student{ID: t.StudentID, No: t.StudentNo, Name: t.StudentName, Class: names[t.ClassID]})
	}
	if withCurrent {
		cur, err := s.st.RatingsOfRater(ctx, school, e.Cycle.ID, e.Role, e.RaterID)
		if err != nil {
			return sh, err
		}
		sh.Current = cur
	}
	return sh, nil
}

func (s *Server) rateOfflineShow(w http.ResponseWriter, r *http.Request) {
	e, err := s.loadEntry(r)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	s.renderOffline(w, r, http.StatusOK, e, offlineData{})
}

func (s *Server) renderOffline(w http.ResponseWriter, r *http.Request, status int, e entry, d offlineData) {
	d.Cycle, d.Role, d.Students, d.Open = e.Cycle, e.Role, len(e.Tasks), e.Cycle.State == model.CycleOpen
	s.render(w, r, status, "rate_offline", "离线评分", d)
}

func (s *Server) rateOfflineDownload(w http.ResponseWriter, r *http.Request) {
	e, err := s.loadEntry(r)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	sh, err := s.offlineSheet(r, e, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := ratesheet.Write(&buf, sh); err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, "离线评分表-"+e.Cycle.Name+"-"+e.Role.Name()+".xlsx", buf.Bytes())
}

// rateOfflineUpload reads a filled workbook. All or nothing: a file of
// another school, cycle or rater, any bad row, or a closed cycle writes
// nothing; the good file goes to storage.SubmitRatings in one transaction,
// which checks every rating again. Uploading the same file twice writes
// nothing the second time.
func (s *Server) rateOfflineUpload(w http.ResponseWriter, r *http.Request) {
	ctx, school, u := r.Context(), schoolOf(r), userOf(r)
	e, err := s.loadEntry(r)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	var d offlineData
	fail := func(msg string) { d.FileError = msg; s.renderOffline(w, r, http.StatusUnprocessableEntity, e, d) }
	if e.Cycle.State != model.CycleOpen {
		fail(fmt.Sprintf("评价周期“%s”%s，不能提交评分", e.Cycle.Name, e.Cycle.State.Name()))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRateSheet+1<<20)
	file, _, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			fail(fmt.Sprintf("文件太大：上限为 %d MB", maxRateSheet>>20))
		} else {
			fail("请选择要上传的文件")
		}
		return
	}
	defer file.Close()
	sh, err := s.offlineSheet(r, e, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	res, err := ratesheet.Parse(file, roster.Limits{MaxBytes: maxRateSheet}, sh)
	if err != nil {
		fail(err.Error())
		return
	}
	d.Rated, d.Total = res.Students, len(res.Ratings)
	if len(res.Errors) > 0 {
		d.Errors = res.Errors
		if len(d.Errors) > 200 {
			d.Errors, d.More = d.Errors[:200], len(res.Errors)-200
		}
		var buf bytes.Buffer
		if err := res.ErrorReport(&buf); err == nil {
			d.Report = reports.put(u.ID, buf.Bytes())
		}
		s.renderOffline(w, r, http.StatusUnprocessableEntity, e, d)
		return
	}
	if len(res.Ratings) == 0 {
		fail("文件中没有填写任何评分")
		return
	}
	cur, err := s.st.RatingsOfRater(ctx, school, e.Cycle.ID, e.Role, e.RaterID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	comments := currentComments(cur)
	for i := range res.Ratings {
		res.Ratings[i].RaterUserID = u.ID
		res.Ratings[i].Comment = comments[res.Ratings[i].StudentID]
	}
	n, err := s.st.SubmitRatings(ctx, school, actor(r), e.Cycle.ID, e.Role, e.RaterID, u.ID, res.Ratings)
	if errors.Is(err, storage.ErrRefused) {
		fail(err.Error())
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Saved, d.Written = true, n
	s.renderOffline(w, r, http.StatusOK, e, d)
}

// offlineURL is the workbook page of a cycle and role.
func offlineURL(cycleID int64, role model.RaterRole) string {
	return "/rate/" + strconv.FormatInt(cycleID, 10) + "/offline/" + string(role)
}
