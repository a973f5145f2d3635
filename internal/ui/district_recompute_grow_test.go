package ui_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// growDistrictJobs queues n district recompute jobs over school a1, each
// for a term of its own name, for the list page's query count. A queued
// job wakes the server's worker, so it waits until the worker has finished
// them all: the count is of the page's statements, not the worker's.
func growDistrictJobs(t *testing.T, g *grower, n int) string {
	ctx := context.Background()
	var name string
	var ids []int64
	for range n {
		g.made++
		j := storage.DistrictJob{YearName: fmt.Sprintf("%d-%d", 2000+g.made, 2001+g.made), Semester: 1}
		must(t, g.s.st.CreateDistrictJob(ctx, model.SystemActor, &j, []int64{g.s.a.School.ID}))
		name = j.TermName()
		ids = append(ids, j.ID)
	}
	deadline := time.Now().Add(20 * time.Second)
	for _, id := range ids {
		for {
			j, err := g.s.st.DistrictJob(ctx, id)
			must(t, err)
			if j.State != storage.JobQueued && j.State != storage.JobRunning {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("district job %d still %s", id, j.State)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return name
}
