-- A school's own choices for 科研成果 (docs/research.md section 1): how it
-- grades journals (期刊级别), one name a line, highest first. No row
-- means research.DefaultJournalGrades.
CREATE TABLE research_settings (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    journal_grades TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (school_id)
);
