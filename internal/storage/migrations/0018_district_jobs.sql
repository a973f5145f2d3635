-- District recompute (区域重新计算): one job recomputes the results of
-- one term for every school of a district, one school at a time.
--
-- The job itself belongs to a district, not to a school, so district_jobs
-- is a platform table (on Citus it stays on the coordinator, like
-- sessions): it is small, one row per started job. What grows with the
-- schools is the progress, kept one row per school of the job in
-- district_job_schools, keyed (school_id, job_id) so each row lives on its
-- school's shard next to the cycles it recomputes. A restart resumes
-- from these rows: a school marked done is not recomputed again.
--
-- The term is named as schools say it (学年 name and 学期 number),
-- because terms are per school. district_id 0 means every school, which
-- only a platform admin may start.

CREATE TABLE district_jobs (
    id SERIAL_PK,
    district_id BIGINT NOT NULL DEFAULT 0,
    year_name TEXT NOT NULL,
    semester INTEGER NOT NULL,
    state TEXT NOT NULL,
    total INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    started_at TIMESTAMPTZ,
    finished_at TIMESTAMPTZ
);
CREATE INDEX district_jobs_state ON district_jobs (state);
CREATE INDEX district_jobs_district ON district_jobs (district_id, created_at);

CREATE TABLE district_job_schools (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    job_id BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    state TEXT NOT NULL,
    cycles INTEGER NOT NULL DEFAULT 0,
    students INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '[]',
    error TEXT NOT NULL DEFAULT '',
    millis BIGINT NOT NULL DEFAULT 0,
    finished_at TIMESTAMPTZ,
    PRIMARY KEY (school_id, job_id)
);
CREATE INDEX district_job_schools_job ON district_job_schools (job_id, seq);
