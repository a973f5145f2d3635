-- Keys that are looked up before the school is known — a login name, an
-- API token's hash, a printed report card's verification code, an
-- employer-survey link's token hash — are unique across the platform. On
-- distributed PostgreSQL (Citus, by school_id) a unique key of a
-- distributed table must lead with school_id, so each of these tables now
-- keys them per school, and global_keys holds the platform-wide claim:
-- (kind, key) → school. global_keys is small and read by key, so on Citus
-- it is a reference table (see docs/architecture.md). Storage writes the
-- claim in the same transaction as the row, and lookups read the school
-- from it first, then the row inside that school.
--
-- The old single-column UNIQUE constraints go on PostgreSQL (Citus refuses
-- them), while SQLite keeps them, since dropping a column constraint there means
-- rebuilding the table, and a single SQLite file is never distributed.

CREATE TABLE global_keys (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    school_id BIGINT NOT NULL,
    PRIMARY KEY (kind, key)
);

INSERT INTO global_keys (kind, key, school_id) SELECT 'username', username, school_id FROM users;
INSERT INTO global_keys (kind, key, school_id) SELECT 'api_token', token_hash, school_id FROM api_tokens;
INSERT INTO global_keys (kind, key, school_id) SELECT 'report_code', code, school_id FROM report_codes;
INSERT INTO global_keys (kind, key, school_id) SELECT 'survey_token', token_hash, school_id FROM survey_invitations;

CREATE UNIQUE INDEX users_school_username ON users (school_id, username);
CREATE UNIQUE INDEX api_tokens_school_hash ON api_tokens (school_id, token_hash);
CREATE UNIQUE INDEX report_codes_school_code ON report_codes (school_id, code);
CREATE UNIQUE INDEX survey_invitations_school_hash ON survey_invitations (school_id, token_hash);

PG_ONLY ALTER TABLE users DROP CONSTRAINT users_username_key;
PG_ONLY ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_token_hash_key;
PG_ONLY ALTER TABLE report_codes DROP CONSTRAINT report_codes_code_key;
PG_ONLY ALTER TABLE survey_invitations DROP CONSTRAINT survey_invitations_token_hash_key;
