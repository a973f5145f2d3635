-- Printed reports: verification codes of issued report cards and the
-- batch export jobs that build ZIPs of them.

-- One row per issued code. The code is printed on the card and typed on
-- the public verification page, which is the second lookup that starts
-- without a school (the code names it). cycle_id 0 is the graduation
-- archive. shown is the JSON of exactly what the verification page shows
-- (name, school, terms, levels) and digest its SHA-256: a later download
-- with the same content gets the same code, a changed result gets a new
-- code and the old one is superseded.
CREATE TABLE report_codes (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    code TEXT NOT NULL UNIQUE,
    student_id BIGINT NOT NULL,
    cycle_id BIGINT NOT NULL DEFAULT 0,
    digest TEXT NOT NULL,
    shown TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    superseded_at TIMESTAMPTZ,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
);
CREATE INDEX report_codes_student ON report_codes (school_id, student_id, cycle_id);
-- At most one current (not superseded) code per student and card.
CREATE UNIQUE INDEX report_codes_current ON report_codes (school_id, student_id, cycle_id) WHERE superseded_at IS NULL;

-- A batch export: the report cards of a class or a cohort (entry year) of
-- one cycle as one ZIP. failures is a JSON list of {student, reason}. The
-- ZIP is kept in the row (zip_data) until it expires.
CREATE TABLE report_jobs (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    cycle_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    verify_base TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    total INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    failures TEXT NOT NULL DEFAULT '[]',
    error TEXT NOT NULL DEFAULT '',
    zip_data BYTES,
    zip_size BIGINT NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    started_at TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id)
);
CREATE INDEX report_jobs_state ON report_jobs (state);
CREATE INDEX report_jobs_school ON report_jobs (school_id, created_at);
