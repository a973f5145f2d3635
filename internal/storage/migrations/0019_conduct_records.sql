-- 德育 records (issue 12, docs/conduct.md sections 1, 2 and 5). A behaviour
-- record stays a row of evidence (kind behaviour), so review, appeals,
-- explanations and the evaluation keep working. It gains the preset it
-- was made from, the role of whoever recorded it, what it waits for and
-- a deleted flag: a deleted record stops counting (its status is set to
-- rejected as well) but stays readable in its history.
ALTER TABLE evidence ADD COLUMN descriptor_id BIGINT;
ALTER TABLE evidence ADD COLUMN recorder_role TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN awaiting TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX evidence_awaiting ON evidence (school_id, awaiting, status);

-- A school's preset descriptors (早操迟到 -1 守时守纪). Never deleted, only
-- turned off, so a record's descriptor_id always names one.
CREATE TABLE conduct_descriptors (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    points DOUBLE PRECISION NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    position INTEGER NOT NULL DEFAULT 0,
    SCHOOL_KEY,
    UNIQUE (school_id, name)
);

-- A school's status rules for new records. No row means the defaults of
-- conduct.DefaultSettings.
CREATE TABLE conduct_settings (
    school_id BIGINT NOT NULL PRIMARY KEY REFERENCES schools (id),
    teachers_count_at_once BOOLEAN NOT NULL,
    council_needs_confirm BOOLEAN NOT NULL,
    approval_above DOUBLE PRECISION NOT NULL
);

-- Every correction and deletion of a record: the values before as JSON,
-- who, when and why. Only ever inserted.
CREATE TABLE evidence_revisions (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    evidence_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    old_values TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_by BIGINT,
    changed_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, evidence_id) REFERENCES evidence (school_id, id)
);
CREATE INDEX evidence_revisions_record ON evidence_revisions (school_id, evidence_id);

-- The old form's categories become the 习惯养成 indicators they belong to
-- (docs/conduct.md section 1 gives the reasons). 劳动卫生 splits by what
-- the title says: cleanliness goes to 卫生习惯, the rest to 劳动习惯.
UPDATE evidence SET category = '守时守纪' WHERE kind = 'behaviour' AND category = '纪律安全';
UPDATE evidence SET category = '卫生习惯' WHERE kind = 'behaviour' AND category = '劳动卫生'
    AND (title LIKE '%卫生%' OR title LIKE '%垃圾%' OR title LIKE '%整洁%' OR title LIKE '%清洁%');
UPDATE evidence SET category = '劳动习惯' WHERE kind = 'behaviour' AND category = '劳动卫生';
UPDATE evidence SET category = '文明礼仪' WHERE kind = 'behaviour' AND category = '诚信友善';
UPDATE evidence SET category = '生活习惯' WHERE kind = 'behaviour' AND category = '其他';
