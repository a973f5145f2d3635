-- Hardening (issue 9, data that must not leak or break).
--
-- One open appeal per student, indicator and cycle. Ten identical appeals
-- sent at once were all taken. The storage layer refuses a second one
-- with a reason, and this unique partial index holds under concurrency.
-- Open duplicates made before it (the later ones) are closed first, with
-- the reason recorded as their decision, so the index can be built.
UPDATE appeals SET state = 'rejected', decision = '与同一指标的另一条申诉重复，已自动关闭'
WHERE state IN ('submitted', 'head_teacher_reviewed')
  AND EXISTS (SELECT 1 FROM appeals b WHERE b.school_id = appeals.school_id AND b.cycle_id = appeals.cycle_id
      AND b.student_id = appeals.student_id AND b.indicator_code = appeals.indicator_code
      AND b.state IN ('submitted', 'head_teacher_reviewed') AND b.id < appeals.id);
CREATE UNIQUE INDEX appeals_one_open ON appeals (school_id, cycle_id, student_id, indicator_code)
    WHERE state IN ('submitted', 'head_teacher_reviewed');

-- The per-account proof-file quota sums an uploader's files.
CREATE INDEX evidence_files_uploader ON evidence_files (school_id, created_by);
CREATE INDEX appeal_files_uploader ON appeal_files (school_id, created_by);
