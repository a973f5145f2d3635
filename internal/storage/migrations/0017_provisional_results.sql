-- Provisional results (暂定): one row per student of an open cycle, the
-- student's scores from the ratings saved so far, kept current by the
-- provisional worker after each save (docs/evaluation.md). Staff only,
-- never levels or ranks, and not the stored results of 计算结果.
CREATE TABLE provisional_results (
    school_id   BIGINT NOT NULL REFERENCES schools (id),
    cycle_id    BIGINT NOT NULL,
    student_id  BIGINT NOT NULL,
    total       DOUBLE PRECISION NOT NULL,
    complete    BOOLEAN NOT NULL,
    sheets      INTEGER NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (school_id, cycle_id, student_id)
);
