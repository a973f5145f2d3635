-- 待补评: a result whose student lacks the raters the framework requires
-- on some indicator has no total, rank or level. The list pages filter and
-- show them without reading each detail, so the flag and what is missing
-- (one Chinese line per indicator, newline-separated) are columns.
-- Results computed before this step keep incomplete = FALSE until their
-- cycle is recomputed.
ALTER TABLE results ADD COLUMN incomplete BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE results ADD COLUMN missing TEXT NOT NULL DEFAULT '';
