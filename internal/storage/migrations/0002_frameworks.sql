-- Evaluation frameworks (评价方案). A framework is a versioned tree kept as
-- JSON (the plain model.Framework): versions are rows, never edited once a
-- cycle pins them, so a closed cycle's results cannot change under it.

CREATE TABLE frameworks (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, code, version)
);
CREATE INDEX frameworks_school_code ON frameworks (school_id, code);

-- The school's evidence rule table (加分规则), versioned like frameworks:
-- a computed cycle records the version it used.
CREATE TABLE evidence_policies (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, version)
)
