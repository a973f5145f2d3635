-- 教师发展 progress (docs/teachers-progress.md section 3).
--
-- hired_on is the day a teacher joined the school, empty when not known.
-- A teacher hired inside a training cycle owes the cycle's 学时 in
-- proportion, and a new 专业课教师 without enterprise practice is flagged.
ALTER TABLE teachers ADD COLUMN hired_on TEXT NOT NULL DEFAULT '';

-- The old 双师型 checkbox becomes a recognition: every teacher ticked is
-- recognised at 初级 on the day this migration runs, with the basis
-- saying so. The checkbox column stays as read-only history and the
-- forms no longer offer it.
INSERT INTO dual_teacher_recognitions (school_id, teacher_id, level, recognised_on, basis, created_at)
SELECT school_id, id, '初级', CAST(CURRENT_DATE AS TEXT), '由原“双师型”勾选迁移（迁移当日认定为初级）', CURRENT_TIMESTAMP
FROM teachers WHERE dual_qualified;

-- Reminders of a gap are sent at most once a month per teacher and gap:
-- the month and the gap key are the claim.
CREATE TABLE development_reminders (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    teacher_id BIGINT NOT NULL,
    gap TEXT NOT NULL,
    month TEXT NOT NULL,
    sent_by BIGINT,
    sent_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, teacher_id, gap, month),
    FOREIGN KEY (school_id, teacher_id) REFERENCES teachers (school_id, id)
);
