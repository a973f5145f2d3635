package ui_test

import (
	"context"
	"fmt"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// growDistrictJobs queues n district recompute jobs over school a1, each
// for a term of its own name, for the list page's query count.
func growDistrictJobs(t *testing.T, g *grower, n int) string {
	var name string
	for range n {
		g.made++
		j := storage.DistrictJob{YearName: fmt.Sprintf("%d-%d", 2000+g.made, 2001+g.made), Semester: 1}
		must(t, g.s.st.CreateDistrictJob(context.Background(), model.SystemActor, &j, []int64{g.s.a.School.ID}))
		name = j.TermName()
	}
	return name
}
