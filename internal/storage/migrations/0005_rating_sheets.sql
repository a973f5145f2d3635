-- Ratings as sheets (评分表): one row per rater × student of a cycle
-- instead of one per rating, so that a school's recompute reads about
-- 45,000 rows instead of 1.4 million.
--
-- items is that rater's whole current sheet for the student, a JSON array
-- of [indicator_code, value, level, comment] (level and comment may be
-- left off when empty, see storage/ratingsheet.go). Sheets are
-- append-only: a changed submission is a new row holding the whole merged
-- sheet, and the row it replaces gets superseded = TRUE in the same
-- transaction, so readers take the rows with superseded = FALSE (one per
-- rater and student, enforced by the partial unique index) and every
-- earlier version stays readable for audit. item_count is the number of
-- items of the row, changed how many of them are new or different from
-- the row it superseded (the old table's row count, corrections included,
-- is the sum of changed).

CREATE TABLE rating_sheets (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    cycle_id BIGINT NOT NULL,
    rater_role TEXT NOT NULL,
    rater_id BIGINT NOT NULL,
    rater_user_id BIGINT,
    student_id BIGINT NOT NULL,
    items TEXT NOT NULL,
    item_count INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    superseded BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
);
CREATE UNIQUE INDEX rating_sheets_current ON rating_sheets (school_id, cycle_id, rater_role, rater_id, student_id) WHERE superseded = FALSE;
CREATE INDEX rating_sheets_student ON rating_sheets (school_id, cycle_id, student_id);

-- Carry every existing rating over. Each submission of the old table (the
-- rows of one rater and student written at one time) becomes one sheet
-- holding the whole sheet as it stood after that submission: for each
-- indicator the newest row up to the submission's last id. Only the last
-- submission of each rater and student stays current.
CREATE INDEX ratings_unit_carry ON ratings (school_id, cycle_id, rater_role, rater_id, student_id, indicator_code, id);

INSERT INTO rating_sheets (school_id, cycle_id, rater_role, rater_id, rater_user_id, student_id, items, item_count, changed, superseded, created_at)
SELECT b.school_id, b.cycle_id, b.rater_role, b.rater_id, b.rater_user_id, b.student_id,
    (SELECT CAST(JSON_AGG(JSON_ARRAY(r.indicator_code, r.value, r.level, r.comment)) AS TEXT) FROM ratings r
        WHERE r.school_id = b.school_id AND r.cycle_id = b.cycle_id AND r.rater_role = b.rater_role
        AND r.rater_id = b.rater_id AND r.student_id = b.student_id AND r.id <= b.last_id
        AND NOT EXISTS (SELECT 1 FROM ratings n WHERE n.school_id = r.school_id AND n.cycle_id = r.cycle_id
            AND n.rater_role = r.rater_role AND n.rater_id = r.rater_id AND n.student_id = r.student_id
            AND n.indicator_code = r.indicator_code AND n.id > r.id AND n.id <= b.last_id)),
    (SELECT COUNT(DISTINCT r.indicator_code) FROM ratings r
        WHERE r.school_id = b.school_id AND r.cycle_id = b.cycle_id AND r.rater_role = b.rater_role
        AND r.rater_id = b.rater_id AND r.student_id = b.student_id AND r.id <= b.last_id),
    b.n,
    EXISTS (SELECT 1 FROM ratings l WHERE l.school_id = b.school_id AND l.cycle_id = b.cycle_id
        AND l.rater_role = b.rater_role AND l.rater_id = b.rater_id AND l.student_id = b.student_id AND l.id > b.last_id),
    b.created_at
FROM (SELECT school_id, cycle_id, rater_role, rater_id, student_id, created_at,
        MAX(id) AS last_id, COUNT(*) AS n, MAX(rater_user_id) AS rater_user_id
    FROM ratings GROUP BY school_id, cycle_id, rater_role, rater_id, student_id, created_at) b
ORDER BY b.last_id;

DROP TABLE ratings;

-- Results: the detail (the whole result with explanations, about 30 KB a
-- student) is stored deflated in detail_z, which makes a recompute write
-- about 6 times fewer bytes. Rows written before keep their JSON in
-- detail. A row has one or the other.
ALTER TABLE results ADD COLUMN detail_z BYTES;
