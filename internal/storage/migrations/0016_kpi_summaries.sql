-- District summaries of the 数据画像 (issue 15): each school's records
-- counted per day and per month, so the district view adds up a few rows
-- per school instead of scanning every record of every school. Derived
-- data, rebuilt one school at a time by RefreshKPISummaries from the
-- school's own reads (KPIInputs), so the definitions stay those of
-- internal/portrait. Every key leads with school_id.

-- One row per school, grain ('d' a day, 'm' a month dated its first day),
-- kind of count and what the definition looks at: level and prize of an
-- award, category of an honour, kind of a destination (a), and a flag
-- (passed, certified, relevant + 2 x first survey, score). n is the number
-- of records, or the person-times of training.
CREATE TABLE kpi_summaries (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    grain TEXT NOT NULL CHECK (grain IN ('d', 'm')),
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    flag INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (school_id, grain, day, kind, a, b, flag)
);

-- A mark left by every write of a record the 数据画像 counts, in the
-- writer's own transaction: the school's summaries are behind until a
-- refresh removes it. Marks are only ever inserted (no row two writers
-- would both update), and a refresh removes exactly the marks it read.
CREATE TABLE kpi_summary_dirty (
    id ID_PK,
    school_id BIGINT NOT NULL REFERENCES schools (id),
    SCHOOL_KEY
);

-- When each school's summaries were last rebuilt: they hold every write
-- committed before that time.
CREATE TABLE kpi_summary_state (
    school_id BIGINT NOT NULL PRIMARY KEY REFERENCES schools (id),
    refreshed_at TIMESTAMPTZ NOT NULL
);

-- Every existing school starts behind, and is read by the scan until its
-- first refresh.
INSERT INTO kpi_summary_dirty (school_id) SELECT id FROM schools;
