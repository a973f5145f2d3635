-- At most one default framework per school. Two admins adopting the
-- shipped framework at the same moment both saw an empty list and both
-- stored one. Storage now checks and writes in one transaction, and this
-- unique partial index holds under concurrency on both engines. Should a
-- school have several defaults already, only its newest keeps the mark.
UPDATE frameworks SET is_default = FALSE
WHERE is_default AND EXISTS (SELECT 1 FROM frameworks b WHERE b.school_id = frameworks.school_id AND b.is_default AND b.id > frameworks.id);
CREATE UNIQUE INDEX frameworks_one_default ON frameworks (school_id) WHERE is_default;
