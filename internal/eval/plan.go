package eval

import (
	"slices"

	"zhijiao/internal/model"
)

// plan is a validated framework flattened for the hot loop: indicators in
// one slice in framework order, role weights in arrays indexed like
// model.RaterRoles, codes resolved to indices once.
type plan struct {
	f        *model.Framework
	inds     []indPlan
	dims     []dimPlan
	indIndex map[string]int32
	agg      aggSettings
	roleSlot int // role results per student: the sum of len(roles) over indicators
}

type indPlan struct {
	ind      *model.Indicator
	dim      int
	roleW    [6]float64
	roles    []int8 // roles with a weight, in RaterRoles order
	roleBase int    // offset of this indicator's roles in a student's role results
	required []int8 // roles whose rating must count (Aggregation.RequiredRoles), in RaterRoles order
}

type dimPlan struct {
	dim         *model.Dimension
	first, last int // indicator indices [first, last)
}

func newPlan(f *model.Framework) *plan {
	p := &plan{f: f, indIndex: map[string]int32{}, agg: newAggSettings(f.Aggregation)}
	for di := range f.Dimensions {
		d := &f.Dimensions[di]
		dp := dimPlan{dim: d, first: len(p.inds)}
		for ii := range d.Indicators {
			ind := &d.Indicators[ii]
			ip := indPlan{ind: ind, dim: di, roleBase: p.roleSlot}
			req := f.Aggregation.RequiredRoles[ind.Code]
			for ri, r := range model.RaterRoles {
				if w := ind.RoleWeights[r]; w > 0 {
					ip.roleW[ri] = w
					ip.roles = append(ip.roles, int8(ri))
					if slices.Contains(req, r) {
						ip.required = append(ip.required, int8(ri))
					}
				}
			}
			p.roleSlot += len(ip.roles)
			p.indIndex[ind.Code] = int32(len(p.inds))
			p.inds = append(p.inds, ip)
		}
		dp.last = len(p.inds)
		p.dims = append(p.dims, dp)
	}
	return p
}
