-- Outcomes the school's 数据画像 counts: graduate destinations, the
-- employer survey (answered through private links, without accounts),
-- social-training sessions and teachers' competition awards.

CREATE TABLE graduate_destinations (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    student_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    enterprise_id BIGINT,
    employer TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    relevant BOOLEAN NOT NULL DEFAULT FALSE,
    further_school TEXT NOT NULL DEFAULT '',
    survey_date TEXT NOT NULL,
    first_survey BOOLEAN NOT NULL DEFAULT TRUE,
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, enterprise_id) REFERENCES enterprises (school_id, id)
);
CREATE INDEX graduate_destinations_student ON graduate_destinations (school_id, student_id);
CREATE INDEX graduate_destinations_date ON graduate_destinations (school_id, survey_date);

CREATE TABLE employer_surveys (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    title TEXT NOT NULL,
    intro TEXT NOT NULL DEFAULT '',
    questions TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY
);

-- One private link per enterprise: only the hash of its token is kept.
CREATE TABLE survey_invitations (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    survey_id BIGINT NOT NULL,
    enterprise_id BIGINT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    answered_at TIMESTAMPTZ,
    SCHOOL_KEY,
    UNIQUE (school_id, survey_id, enterprise_id),
    FOREIGN KEY (school_id, survey_id) REFERENCES employer_surveys (school_id, id),
    FOREIGN KEY (school_id, enterprise_id) REFERENCES enterprises (school_id, id)
);

CREATE TABLE survey_responses (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    survey_id BIGINT NOT NULL,
    invitation_id BIGINT NOT NULL,
    enterprise_id BIGINT NOT NULL,
    answers TEXT NOT NULL,
    overall INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    submitted_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, invitation_id),
    FOREIGN KEY (school_id, survey_id) REFERENCES employer_surveys (school_id, id),
    FOREIGN KEY (school_id, invitation_id) REFERENCES survey_invitations (school_id, id)
);

CREATE TABLE training_sessions (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    trainees INTEGER NOT NULL,
    served TEXT NOT NULL DEFAULT '',
    enterprise_id BIGINT,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, enterprise_id) REFERENCES enterprises (school_id, id)
);
CREATE INDEX training_sessions_date ON training_sessions (school_id, starts_on);

CREATE TABLE teacher_awards (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    teacher_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    level TEXT NOT NULL,
    prize TEXT NOT NULL,
    awarded_on TEXT NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, teacher_id) REFERENCES teachers (school_id, id)
)
