-- Honest completion: a rating sheet is complete only when it holds every
-- indicator its role must rate in the cycle's framework. A partial sheet
-- is a draft (草稿): it is kept and shown to its rater, but counts as not
-- done in every completion figure and is never used in results.
--
-- required is the number of indicators the sheet's role rates, complete is
-- item_count >= required, stored so that progress queries and the engine's
-- loader filter on a column. Existing sheets get required = -1 here and
-- are filled in by the storage layer right after the migrations
-- (backfillSheetCompletion), because the count lives in the framework's
-- JSON, which SQL on both engines cannot read alike.

ALTER TABLE rating_sheets ADD COLUMN required INTEGER NOT NULL DEFAULT -1;
ALTER TABLE rating_sheets ADD COLUMN complete BOOLEAN NOT NULL DEFAULT FALSE;
