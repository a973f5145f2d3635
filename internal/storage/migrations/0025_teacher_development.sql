-- 教师发展 (issue 14, docs/teachers.md section 1): the development record
-- a teacher, a department head and the personnel office (人事处) keep.
--
-- One row per training, practice period, study or certificate of one
-- teacher. kind is one of teacherdev.Kinds. hours are 学时 (a training's
-- credit), days the days of 企业实践 (enterprise practice), counted
-- against the six-months-in-five-years rule. enterprise_id names the
-- partner enterprise of a practice period, enterprise_confirmed that the
-- enterprise confirmed it (with who confirmed in confirmed_by).
-- Certificates (职业资格/技能等级证书) carry issuer, number, level and
-- expires_on. batch_id groups the rows of one imported training roster
-- (one course, many teachers). source says who entered it: self (the
-- teacher, self-reported until verified), office or import. status:
-- pending, verified or rejected (with reject_reason).
CREATE TABLE development_records (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    teacher_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    provider TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    hours DOUBLE PRECISION NOT NULL DEFAULT 0,
    days DOUBLE PRECISION NOT NULL DEFAULT 0,
    enterprise_id BIGINT,
    enterprise_confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    confirmed_by TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT '',
    expires_on TEXT NOT NULL DEFAULT '',
    batch_id BIGINT,
    source TEXT NOT NULL DEFAULT 'self',
    status TEXT NOT NULL DEFAULT 'pending',
    reject_reason TEXT NOT NULL DEFAULT '',
    reviewed_by BIGINT,
    reviewed_at TIMESTAMPTZ,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, teacher_id) REFERENCES teachers (school_id, id),
    FOREIGN KEY (school_id, enterprise_id) REFERENCES enterprises (school_id, id)
);
CREATE INDEX development_records_teacher ON development_records (school_id, teacher_id, starts_on);
CREATE INDEX development_records_kind ON development_records (school_id, kind, starts_on);
CREATE INDEX development_records_status ON development_records (school_id, status);

-- Proof files (证书、结业证明、企业盖章的实践证明), as for evidence.
CREATE TABLE development_record_files (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    record_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    data BYTES NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, record_id) REFERENCES development_records (school_id, id)
);
CREATE INDEX development_record_files_record ON development_record_files (school_id, record_id);

-- Every edit, review and deletion of a record: the values before as
-- JSON, who, when and why. Only ever inserted.
CREATE TABLE development_revisions (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    record_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    old_values TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_by BIGINT,
    changed_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, record_id) REFERENCES development_records (school_id, id)
);
CREATE INDEX development_revisions_record ON development_revisions (school_id, record_id);

-- A school's requirements (teacherdev.Requirements as JSON): the
-- five-year training target in 学时, enterprise practice per five years,
-- and the rest. No row means the defaults.
CREATE TABLE development_settings (
    school_id BIGINT NOT NULL PRIMARY KEY REFERENCES schools (id),
    requirements TEXT NOT NULL,
    updated_by BIGINT,
    updated_at TIMESTAMPTZ NOT NULL
);

-- 双师型 as a recognition with a level and a date, replacing the
-- teacher's checkbox: a teacher's current recognition is the latest row
-- not revoked. basis notes the records it was checked against.
CREATE TABLE dual_teacher_recognitions (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    teacher_id BIGINT NOT NULL,
    level TEXT NOT NULL,
    recognised_on TEXT NOT NULL,
    basis TEXT NOT NULL DEFAULT '',
    revoked_on TEXT NOT NULL DEFAULT '',
    revoke_reason TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, teacher_id) REFERENCES teachers (school_id, id)
);
CREATE INDEX dual_teacher_recognitions_teacher ON dual_teacher_recognitions (school_id, teacher_id);
