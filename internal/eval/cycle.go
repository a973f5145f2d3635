package eval

import "zhijiao/internal/model"

// cycleMoves lists the state changes a cycle may make. Reopening a closed
// cycle lets late raters finish; a publicised cycle goes back to computed
// when an appeal (申诉) changes a rating or a record, and is publicised
// again. A final cycle never changes: its results are the record.
var cycleMoves = map[model.CycleState][]model.CycleState{
	model.CycleDraft:      {model.CycleOpen},
	model.CycleOpen:       {model.CycleClosed},
	model.CycleClosed:     {model.CycleOpen, model.CycleComputed},
	model.CycleComputed:   {model.CycleComputed, model.CyclePublicised},
	model.CyclePublicised: {model.CycleComputed, model.CycleFinal},
}

// CanMove reports whether a cycle may go from one state to another.
// computed → computed is a recompute.
func CanMove(from, to model.CycleState) bool {
	for _, s := range cycleMoves[from] {
		if s == to {
			return true
		}
	}
	return false
}
