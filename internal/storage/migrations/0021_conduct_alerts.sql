-- Parents and head teachers in the loop (issue 12, docs/conduct.md 4).
--
-- conduct_rules are a school's thresholds (提醒规则): n negative
-- behaviour records within days days, of one category ('' = any), and
-- whom to tell. A school without rows uses the built-in default (3 within
-- 30 days, tell both), rule 0 in conduct_alerts.
CREATE TABLE conduct_rules (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    n INTEGER NOT NULL CHECK (n BETWEEN 2 AND 20),
    days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 180),
    category TEXT NOT NULL DEFAULT '',
    tell_parents BOOLEAN NOT NULL,
    tell_head_teacher BOOLEAN NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY
);

-- conduct_alerts is every crossing told: the student, the rule as it was
-- (rule 0 the default, no key so a removed rule keeps its history), the
-- window and count, the newest record of the crossing, when, through
-- which channel, to how many accounts and whether the parents were among
-- them (the family page lists only the notices the family got). The unique index is the guard
-- that one crossing is told once even when two reviews land together.
CREATE TABLE conduct_alerts (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    student_id BIGINT NOT NULL,
    rule_id BIGINT NOT NULL,
    rule_text TEXT NOT NULL,
    window_from TEXT NOT NULL,
    window_to TEXT NOT NULL,
    n INTEGER NOT NULL,
    last_record_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    recipients INTEGER NOT NULL,
    parents BOOLEAN NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
);
CREATE UNIQUE INDEX conduct_alerts_once ON conduct_alerts (school_id, student_id, rule_id, last_record_id);

-- conduct_talks are the head teacher's 谈心谈话, private to staff: the day,
-- a short note, and the newest behaviour record the talk saw, so the
-- student leaves the talk list until a newer negative record arrives.
CREATE TABLE conduct_talks (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    student_id BIGINT NOT NULL,
    held_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    last_record_id BIGINT NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
);
CREATE INDEX conduct_talks_student ON conduct_talks (school_id, student_id, id);
