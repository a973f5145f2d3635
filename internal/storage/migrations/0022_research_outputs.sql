-- 科研成果 (issue 13, docs/research.md section 1). One row per output,
-- whatever its kind: a team output is one record credited to its members
-- through research_contributors, never entered once per member.
--
-- kind is one of research.Kinds (project paper textbook book patent
-- teaching_award competition case transfer). level, grade and stage are
-- the kind's classifiers (a project's 国家级 and 结题, a paper's 期刊级别,
-- an award's 一等奖). ident is the kind's normalised identifier (立项号,
-- DOI, ISBN-13, 专利号, or ISSN+year+issue+title for a paper without a
-- DOI), '' when it has none: duplicates are caught on it. fields holds
-- the kind's own fields as JSON (journal, CN, ISSN, publisher, form,
-- funding …), checked by internal/research before they are stored.
-- dated_on is the date of the proof that places the output in a term.
CREATE TABLE research_outputs (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    level TEXT NOT NULL DEFAULT '',
    grade TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL DEFAULT '',
    ident TEXT NOT NULL DEFAULT '',
    fields TEXT NOT NULL DEFAULT '{}',
    dated_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    reject_reason TEXT NOT NULL DEFAULT '',
    reviewed_by BIGINT,
    reviewed_at TIMESTAMPTZ,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY
);
CREATE INDEX research_outputs_kind ON research_outputs (school_id, kind, dated_on);
CREATE INDEX research_outputs_ident ON research_outputs (school_id, kind, ident);
CREATE INDEX research_outputs_status ON research_outputs (school_id, status);

-- A 课题's stages (立项, 中期, 结题), each on its own date: rules give
-- 立项 and 结题 points separately and each counts in the term of its date.
-- The output's stage column is its latest stage.
CREATE TABLE research_stages (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    output_id BIGINT NOT NULL,
    stage TEXT NOT NULL,
    dated_on TEXT NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, output_id, stage),
    FOREIGN KEY (school_id, output_id) REFERENCES research_outputs (school_id, id)
);

-- Contributors in order (position 1 is the first author or the 主持人).
-- teacher_id is empty for a person from outside the school, who is kept
-- by name only. role is one of research.ContributorRoles. share is the
-- percentage a team agreed on, or NULL for the rule's default split.
CREATE TABLE research_contributors (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    output_id BIGINT NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 1),
    teacher_id BIGINT,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    share DOUBLE PRECISION,
    SCHOOL_KEY,
    UNIQUE (school_id, output_id, position),
    FOREIGN KEY (school_id, output_id) REFERENCES research_outputs (school_id, id),
    FOREIGN KEY (school_id, teacher_id) REFERENCES teachers (school_id, id)
);
CREATE INDEX research_contributors_teacher ON research_contributors (school_id, teacher_id);

-- Proof files (证明材料), as for evidence: stage names the 课题 stage a
-- file proves ('' for the output as a whole).
CREATE TABLE research_output_files (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    output_id BIGINT NOT NULL,
    stage TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    data BYTES NOT NULL,
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, output_id) REFERENCES research_outputs (school_id, id)
);
CREATE INDEX research_output_files_output ON research_output_files (school_id, output_id);

-- Every edit, review and deletion of an output: the values before as
-- JSON, who, when and why. Only ever inserted.
CREATE TABLE research_revisions (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    output_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    old_values TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_by BIGINT,
    changed_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, output_id) REFERENCES research_outputs (school_id, id)
);
CREATE INDEX research_revisions_output ON research_revisions (school_id, output_id);
