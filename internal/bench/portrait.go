package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"zhijiao/internal/demo"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/ui"
)

// PortraitResult is how long the portrait pages take on a computed cycle
// of a demo school: whole pages through the real router, median of Runs.
type PortraitResult struct {
	Students, Classes, Tasks, Ratings int
	Setup                             time.Duration // demo school, ratings, recompute
	School, Class, Student            time.Duration
	Runs                              int
}

// Portrait generates a demo school of n students, rates every task of its
// open cycle (GenerateRatings), computes and publicises the results, and
// times GET /portraits/groups for the whole school and for one class (as
// the school admin) and the student portrait (as the student).
func Portrait(ctx context.Context, st *storage.Storage, n, runs int) (PortraitResult, error) {
	res := PortraitResult{Runs: runs}
	t0 := time.Now()
	p, err := publicisedSchool(ctx, st, "portraitbench", "画像基准学校", n)
	if err != nil {
		return res, err
	}
	out, sid, c, in := p.out, p.school, p.cycle, p.org
	res.Ratings, res.Classes = p.ratings, len(in.Classes)
	for _, cl := range in.Classes {
		res.Students += len(cl.StudentIDs)
	}
	prog, err := st.ProgressByClass(ctx, sid, c.ID)
	if err != nil {
		return res, err
	}
	for _, p := range prog {
		res.Tasks += p.Total
	}
	res.Setup = time.Since(t0)

	srv, err := ui.New(ctx, st, ui.Options{})
	if err != nil {
		return res, err
	}
	site := httptest.NewServer(srv.Handler())
	defer site.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	var adminName, studentName string
	for _, l := range out.Logins {
		switch {
		case l.Role == model.RoleSchoolAdmin && adminName == "":
			adminName = l.Username
		case l.Role == model.RoleStudent && studentName == "":
			studentName = l.Username
		}
	}
	admin, err := login(site, tr, adminName, demo.Password)
	if err != nil {
		return res, err
	}
	student, err := login(site, tr, studentName, demo.Password)
	if err != nil {
		return res, err
	}
	resp, err := student.Get(site.URL + "/portraits")
	if err != nil {
		return res, err
	}
	resp.Body.Close()
	own := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || own == "" {
		return res, fmt.Errorf("student /portraits: %d", resp.StatusCode)
	}
	classPath := "/portraits/groups?class=" + strconv.FormatInt(in.Classes[0].ClassID, 10)
	for _, m := range []struct {
		cl   *http.Client
		path string
		into *time.Duration
	}{{admin, "/portraits/groups", &res.School}, {admin, classPath, &res.Class}, {student, own, &res.Student}} {
		if *m.into, err = medianGet(m.cl, site.URL, m.path, runs); err != nil {
			return res, err
		}
	}
	return res, nil
}

// medianGet is the median time of runs GETs of path, after one more that
// warms the caches and is not counted; any answer but 200 is an error.
func medianGet(cl *http.Client, site, path string, runs int) (time.Duration, error) {
	var ds []time.Duration
	for i := 0; i <= runs; i++ {
		t := time.Now()
		resp, err := cl.Get(site + path)
		if err != nil {
			return 0, err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("%s: %d %v", path, resp.StatusCode, err)
		}
		if i > 0 {
			ds = append(ds, time.Since(t))
		}
	}
	return median(ds), nil
}
