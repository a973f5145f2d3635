-- Summaries of a cycle's results per class, so the portrait of a class, a
-- major or the whole school reads a few thousand rows instead of decoding
-- every result's detail JSON (3,000 details are about 90 MB) or probing
-- every rating task. Derived data: ReplaceResults rewrites both tables in
-- the same transaction as the results. Ratings cannot change while a
-- cycle has results (they are taken only while it is open), so the task
-- counts stay true until the next recompute.

-- The sum and count of the rated scores of one dimension (kind 'd') or
-- indicator (kind 'i') over a class's students: a group's mean is
-- SUM(total) / SUM(n) over its classes.
CREATE TABLE result_means (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    cycle_id BIGINT NOT NULL,
    class_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('d', 'i')),
    code TEXT NOT NULL,
    total DOUBLE PRECISION NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (school_id, cycle_id, class_id, kind, code),
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id)
);

-- Rating tasks per class and rater role, and how many had a rating.
CREATE TABLE result_progress (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    cycle_id BIGINT NOT NULL,
    class_id BIGINT NOT NULL,
    rater_role TEXT NOT NULL,
    done INTEGER NOT NULL,
    total INTEGER NOT NULL,
    PRIMARY KEY (school_id, cycle_id, class_id, rater_role),
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id)
);
