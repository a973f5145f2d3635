-- A studio activity's hours (学时), for the studio's yearly summary
-- (docs/teachers-studios.md section 2): a lecture or a 送教 trip is
-- reported in hours, a 研讨 often not, so the default is none.
ALTER TABLE studio_activities ADD COLUMN hours DOUBLE PRECISION NOT NULL DEFAULT 0;
