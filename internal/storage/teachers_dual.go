package storage

// A teacher's 双师型 is read from the recognitions (dual_teacher.go), no
// longer from the old teachers.dual_qualified checkbox: the current
// recognition is one given on or before today and not revoked by today.
// Recognise closes the previous one on the day of the next, so at most one
// is current; the latest wins should old data hold two.

// currentDualSQL holds for a teacher t with a current recognition on the
// day bound to its placeholders.
const currentDualSQL = `EXISTS (SELECT 1 FROM dual_teacher_recognitions g WHERE g.school_id = t.school_id AND g.teacher_id = t.id
	AND g.recognised_on <= ? AND (g.revoked_on = '' OR g.revoked_on > ?))`

// currentLevelSQL is teacher t's current level on the day bound to its
// placeholders, ” for none.
const currentLevelSQL = `COALESCE((SELECT g.level FROM dual_teacher_recognitions g WHERE g.school_id = t.school_id AND g.teacher_id = t.id
	AND g.recognised_on <= ? AND (g.revoked_on = '' OR g.revoked_on > ?) ORDER BY g.recognised_on DESC, g.id DESC LIMIT 1), '')`
