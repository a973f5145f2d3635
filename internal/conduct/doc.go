// Package conduct holds the pure rules of daily conduct (德育): which habit
// categories a behaviour record may name, the preset descriptors a record
// is made from and the status a new record gets (categories.go,
// descriptors.go, status.go); the class 量化 of daily checks (checks.go);
// the parents' threshold notices and the patterns a head teacher should
// notice (alerts.go, patterns.go). It imports only
// internal/model; storage, pages and the API call it, so the form, the
// API, the demo and the rule table can never disagree.
//
// # One source of categories
//
// The habit categories are the indicators of the 习惯养成 dimension of the
// school's current framework (its default version, or the shipped one),
// joined with the behaviour rules (kind "behaviour") of the school's rule
// table: a category is offered when an indicator of that dimension has a
// behaviour rule naming it, so every record a form can produce scores. The
// dimension is found by its name "习惯养成"; a framework that renamed it is
// matched by the code "X", the code of the shipped framework. A behaviour
// rule whose category is not the name of a habit indicator, or whose
// indicator is not in that dimension, is refused when the rule table is
// saved (CheckRules, called by eval.ValidatePolicy).
//
// # Status of a new record
//
// Records by head teachers, duty teachers and the 德育处 count at once
// (verified) unless the school turned that off; records by the student
// council wait for a teacher's confirmation; a bonus above the school's
// threshold (default more than 3 points) waits for the 德育处's approval,
// whoever recorded it. See InitialState.
package conduct
