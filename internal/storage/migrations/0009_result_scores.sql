-- Per-student dimension and indicator scores of a cycle's results, one row
-- each, beside the full detail JSON in results. Portraits of a class, a
-- major or the whole school average them in SQL (the school's 3,000
-- details are about 90 MB of JSON, far too much to decode per page view).
-- Derived data: written with the results by every recompute and replaced
-- with them. kind is 'd' for a dimension and 'i' for an indicator.
CREATE TABLE result_scores (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    cycle_id BIGINT NOT NULL,
    student_id BIGINT NOT NULL,
    class_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('d', 'i')),
    code TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    rated BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (school_id, cycle_id, student_id, kind, code),
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
);
CREATE INDEX result_scores_class ON result_scores (school_id, cycle_id, class_id);
