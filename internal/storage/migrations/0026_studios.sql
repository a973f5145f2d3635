-- 工作室 (issue 14, docs/teachers.md section 2): 名师/教学专家, 技能大师,
-- 名班主任, 特级教师 and other studios, with their level (国家级, 市级,
-- 区级, 校级), host, members with dates, a plan per term, activities and
-- the outputs they produced.
CREATE TABLE studios (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    level TEXT NOT NULL,
    host_teacher_id BIGINT NOT NULL,
    founded_on TEXT NOT NULL,
    closed_on TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, name),
    FOREIGN KEY (school_id, host_teacher_id) REFERENCES teachers (school_id, id)
);

-- Members with the dates they joined and left. teacher_id is empty for a
-- member from outside the school (an enterprise expert), kept by name.
CREATE TABLE studio_members (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    studio_id BIGINT NOT NULL,
    teacher_id BIGINT,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    joined_on TEXT NOT NULL,
    left_on TEXT NOT NULL DEFAULT '',
    SCHOOL_KEY,
    FOREIGN KEY (school_id, studio_id) REFERENCES studios (school_id, id),
    FOREIGN KEY (school_id, teacher_id) REFERENCES teachers (school_id, id)
);
CREATE INDEX studio_members_studio ON studio_members (school_id, studio_id);
CREATE INDEX studio_members_teacher ON studio_members (school_id, teacher_id);

-- A studio's plan for one term.
CREATE TABLE studio_plans (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    studio_id BIGINT NOT NULL,
    term_id BIGINT NOT NULL,
    plan TEXT NOT NULL,
    updated_by BIGINT,
    updated_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, studio_id, term_id),
    FOREIGN KEY (school_id, studio_id) REFERENCES studios (school_id, id),
    FOREIGN KEY (school_id, term_id) REFERENCES terms (school_id, id)
);

-- What a studio did (研讨、讲座、送教、带徒 …) and, where one came of it,
-- the research output (docs/research.md) it produced.
CREATE TABLE studio_activities (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    studio_id BIGINT NOT NULL,
    held_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    output_id BIGINT,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, studio_id) REFERENCES studios (school_id, id),
    FOREIGN KEY (school_id, output_id) REFERENCES research_outputs (school_id, id)
);
CREATE INDEX studio_activities_studio ON studio_activities (school_id, studio_id, held_on);
