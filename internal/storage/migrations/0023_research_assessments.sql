-- 科研考核 (issue 13, docs/research.md section 2).
--
-- research_rule_sets are the versions of a school's rule table: saving
-- the rules inserts a new version, never edits one, so an assessment that
-- pinned a version computes the same points for ever. rules is the
-- research.RuleSet as JSON.
CREATE TABLE research_rule_sets (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    version INTEGER NOT NULL,
    rules TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, version)
);

-- One assessment per term. It pins a rule version and walks the same
-- states as an evaluation cycle: claiming (teachers see and claim their
-- records) → reviewing (科研处 checks) → computed → publicised (公示
-- publicity_days working days, appeals open) → final. from_on and to_on
-- are the dates whose proofs count, the term's by default.
CREATE TABLE research_assessments (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    term_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    rule_set_id BIGINT NOT NULL,
    state TEXT NOT NULL,
    from_on TEXT NOT NULL,
    to_on TEXT NOT NULL,
    publicity_days INTEGER NOT NULL DEFAULT 5,
    computed_at TIMESTAMPTZ,
    publicised_at TIMESTAMPTZ,
    final_at TIMESTAMPTZ,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, term_id),
    FOREIGN KEY (school_id, term_id) REFERENCES terms (school_id, id),
    FOREIGN KEY (school_id, rule_set_id) REFERENCES research_rule_sets (school_id, id)
);

-- A teacher's claim that an output of theirs counts in an assessment.
CREATE TABLE research_claims (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    assessment_id BIGINT NOT NULL,
    output_id BIGINT NOT NULL,
    teacher_id BIGINT NOT NULL,
    claimed_by BIGINT,
    claimed_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, assessment_id, output_id, teacher_id),
    FOREIGN KEY (school_id, assessment_id) REFERENCES research_assessments (school_id, id),
    FOREIGN KEY (school_id, output_id) REFERENCES research_outputs (school_id, id),
    FOREIGN KEY (school_id, teacher_id) REFERENCES teachers (school_id, id)
);
CREATE INDEX research_claims_teacher ON research_claims (school_id, teacher_id);

-- Computed points: derived data, replaced whole by each compute in one
-- transaction. detail is the teacher's explanation (为什么是这个分数:
-- records, rules and caps) as JSON.
CREATE TABLE research_points (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    assessment_id BIGINT NOT NULL,
    teacher_id BIGINT NOT NULL,
    points DOUBLE PRECISION NOT NULL,
    detail TEXT NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (school_id, assessment_id, teacher_id),
    FOREIGN KEY (school_id, assessment_id) REFERENCES research_assessments (school_id, id),
    FOREIGN KEY (school_id, teacher_id) REFERENCES teachers (school_id, id)
);

-- A teacher's appeal of their points during 公示, and the 科研处's answer.
CREATE TABLE research_appeals (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    assessment_id BIGINT NOT NULL,
    teacher_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    decision TEXT NOT NULL DEFAULT '',
    decided_by BIGINT,
    decided_at TIMESTAMPTZ,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, assessment_id) REFERENCES research_assessments (school_id, id),
    FOREIGN KEY (school_id, teacher_id) REFERENCES teachers (school_id, id)
);
CREATE INDEX research_appeals_assessment ON research_appeals (school_id, assessment_id, status);
