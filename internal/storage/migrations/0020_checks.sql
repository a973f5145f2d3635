-- Class 量化 and daily checks (issue 12 section 3, docs/conduct.md section 3).
-- Duty teachers and the student council check every class on the school's
-- check items and deduct (or add) points with a short reason that names no
-- student. A day's results are public once the day is published, and the
-- weekly 流动红旗 are stored when awarded, so a later correction of a
-- published day never silently moves a flag already handed out.

-- One row per school: the daily base score, how many red flags each grade
-- gets a week, whether the council's entries wait for a teacher's
-- confirmation, and whether duty teachers may publish a day.
CREATE TABLE check_settings (
    school_id BIGINT NOT NULL PRIMARY KEY REFERENCES schools (id),
    base_score DOUBLE PRECISION NOT NULL DEFAULT 100,
    flags_per_grade INTEGER NOT NULL DEFAULT 1,
    council_confirm BOOLEAN NOT NULL DEFAULT FALSE,
    duty_publish BOOLEAN NOT NULL DEFAULT FALSE
);

-- The items classes are checked on (纪律, 两操, 仪容仪表, 卫生, 宿舍 by
-- default), in the school's order, each with the most it may deduct from a
-- class in one day (0 = no cap).
CREATE TABLE check_items (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    max_daily DOUBLE PRECISION NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    SCHOOL_KEY
);
CREATE UNIQUE INDEX check_items_name ON check_items (school_id, name);

-- Preset reasons of an item with their points (negative a deduction).
CREATE TABLE check_reasons (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    item_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    points DOUBLE PRECISION NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, item_id) REFERENCES check_items (school_id, id)
);
CREATE INDEX check_reasons_item ON check_reasons (school_id, item_id);

-- One deduction (or addition) of one class on one day and item. by_council
-- marks an entry of a student council member, confirmed_by the teacher who
-- confirmed it when the school asks for that.
CREATE TABLE check_entries (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    day TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    class_id BIGINT NOT NULL,
    points DOUBLE PRECISION NOT NULL,
    reason TEXT NOT NULL,
    entered_by BIGINT,
    entered_name TEXT NOT NULL DEFAULT '',
    by_council BOOLEAN NOT NULL DEFAULT FALSE,
    confirmed BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, item_id) REFERENCES check_items (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id)
);
CREATE INDEX check_entries_day ON check_entries (school_id, day);
CREATE INDEX check_entries_class ON check_entries (school_id, class_id, day);

-- A published day: its results are on the class board.
CREATE TABLE check_days (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    day TEXT NOT NULL,
    published_by BIGINT,
    published_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (school_id, day)
);

-- The 流动红旗 of a week (dated its Monday): the class, its grade (entry
-- year), the week's score and rank within the grade when it was awarded.
CREATE TABLE check_flags (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    week TEXT NOT NULL,
    class_id BIGINT NOT NULL,
    entry_year INTEGER NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    grade_rank INTEGER NOT NULL,
    awarded_by BIGINT,
    awarded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (school_id, week, class_id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id)
);
