-- The 多元立体 evaluation: cycles, rating tasks, ratings (append-only),
-- evidence (写实记录) with files, results (derived, replaced by each
-- recompute), result corrections and appeals (申诉), notifications.
-- Every table leads with school_id and links by (school_id, x_id).

CREATE TABLE cycles (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    term_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    scope_kind TEXT NOT NULL DEFAULT 'school' CHECK (scope_kind IN ('school', 'department', 'cohort')),
    scope_id BIGINT NOT NULL DEFAULT 0,
    framework_id BIGINT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft',
    seed BIGINT NOT NULL DEFAULT 0,
    peer_count INTEGER NOT NULL DEFAULT 4,
    opens_at TEXT NOT NULL DEFAULT '',
    closes_at TEXT NOT NULL DEFAULT '',
    publicity_days INTEGER NOT NULL DEFAULT 5,
    publicity_start TEXT NOT NULL DEFAULT '',
    publicity_end TEXT NOT NULL DEFAULT '',
    computed_at TIMESTAMPTZ,
    policy_version INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, term_id) REFERENCES terms (school_id, id),
    FOREIGN KEY (school_id, framework_id) REFERENCES frameworks (school_id, id)
);
CREATE INDEX cycles_school_term ON cycles (school_id, term_id);

-- Who rates whom: rater_id is in the role's own id space (student,
-- teacher, mentor or guardian), as model.RatingTask.
CREATE TABLE rating_tasks (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    cycle_id BIGINT NOT NULL,
    rater_role TEXT NOT NULL,
    rater_id BIGINT NOT NULL,
    student_id BIGINT NOT NULL,
    class_id BIGINT NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, cycle_id, rater_role, rater_id, student_id),
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id)
);
CREATE INDEX rating_tasks_student ON rating_tasks (school_id, cycle_id, student_id);
CREATE INDEX rating_tasks_class ON rating_tasks (school_id, cycle_id, class_id);

-- Ratings are append-only: a correction is a new row and the highest id
-- of one (cycle, role, rater, student, indicator) counts.
CREATE TABLE ratings (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    cycle_id BIGINT NOT NULL,
    rater_role TEXT NOT NULL,
    rater_id BIGINT NOT NULL,
    rater_user_id BIGINT,
    student_id BIGINT NOT NULL,
    indicator_code TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL DEFAULT 0,
    level TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
);
CREATE INDEX ratings_student ON ratings (school_id, cycle_id, student_id);
CREATE INDEX ratings_rater ON ratings (school_id, cycle_id, rater_role, rater_id);

CREATE TABLE evidence (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    student_id BIGINT NOT NULL,
    term_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT '',
    prize TEXT NOT NULL DEFAULT '',
    team BOOLEAN NOT NULL DEFAULT FALSE,
    team_members TEXT NOT NULL DEFAULT '',
    passed BOOLEAN NOT NULL DEFAULT FALSE,
    hours DOUBLE PRECISION NOT NULL DEFAULT 0,
    points DOUBLE PRECISION NOT NULL DEFAULT 0,
    mentor_score DOUBLE PRECISION NOT NULL DEFAULT 0,
    occurred_on TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    note TEXT NOT NULL DEFAULT '',
    submitted_by BIGINT,
    submitted_at TIMESTAMPTZ NOT NULL,
    reviewed_by BIGINT,
    reviewed_at TIMESTAMPTZ,
    review_reason TEXT NOT NULL DEFAULT '',
    SCHOOL_KEY,
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, term_id) REFERENCES terms (school_id, id)
);
CREATE INDEX evidence_student ON evidence (school_id, student_id, term_id);
CREATE INDEX evidence_term_status ON evidence (school_id, term_id, status);

CREATE TABLE evidence_files (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    evidence_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    data BYTES NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, evidence_id) REFERENCES evidence (school_id, id)
);
CREATE INDEX evidence_files_evidence ON evidence_files (school_id, evidence_id);

-- Results are derived data: a recompute replaces a cycle's rows in one
-- transaction (and the audit log records it). detail is the whole
-- model.StudentResult as JSON, explanations included.
CREATE TABLE results (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    cycle_id BIGINT NOT NULL,
    student_id BIGINT NOT NULL,
    class_id BIGINT NOT NULL,
    total DOUBLE PRECISION NOT NULL,
    level TEXT NOT NULL DEFAULT '',
    score_level TEXT NOT NULL DEFAULT '',
    rank INTEGER NOT NULL DEFAULT 0,
    complete BOOLEAN NOT NULL DEFAULT FALSE,
    detail TEXT NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL,
    framework_version INTEGER NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, cycle_id, student_id),
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
);
CREATE INDEX results_class ON results (school_id, cycle_id, class_id);

CREATE TABLE appeals (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    cycle_id BIGINT NOT NULL,
    student_id BIGINT NOT NULL,
    indicator_code TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    submitted_by BIGINT,
    submitted_at TIMESTAMPTZ NOT NULL,
    state TEXT NOT NULL DEFAULT 'submitted',
    head_review TEXT NOT NULL DEFAULT '',
    head_review_by BIGINT,
    head_review_at TIMESTAMPTZ,
    decision TEXT NOT NULL DEFAULT '',
    decided_by BIGINT,
    decided_at TIMESTAMPTZ,
    adjust_mode TEXT NOT NULL DEFAULT '',
    adjust_value DOUBLE PRECISION NOT NULL DEFAULT 0,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
);
CREATE INDEX appeals_cycle ON appeals (school_id, cycle_id, state);

CREATE TABLE appeal_files (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    appeal_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    data BYTES NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, appeal_id) REFERENCES appeals (school_id, id)
);

-- Appeal-driven adjustments, never overwritten: mode 'delta' adds value
-- to the indicator score, mode 'set' replaces it. Recompute applies them
-- in id order after the engine.
CREATE TABLE result_corrections (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    cycle_id BIGINT NOT NULL,
    student_id BIGINT NOT NULL,
    indicator_code TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('delta', 'set')),
    value DOUBLE PRECISION NOT NULL,
    reason TEXT NOT NULL,
    appeal_id BIGINT,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, cycle_id) REFERENCES cycles (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, appeal_id) REFERENCES appeals (school_id, id)
);
CREATE INDEX result_corrections_cycle ON result_corrections (school_id, cycle_id, student_id);

CREATE TABLE notifications (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    user_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    read_at TIMESTAMPTZ,
    SCHOOL_KEY
);
CREATE INDEX notifications_user ON notifications (school_id, user_id, read_at)
