CREATE INDEX `track_targets_label` ON `track_targets` (`account_id`,`archived`,"label" collate nocase,`key`);--> statement-breakpoint
-- Task search by substring: an FTS5 index with the trigram tokenizer over each target's account and
-- search text (drizzle-kit does not model virtual tables, so they live here). It reads the rows of
-- track_targets (external content, keyed by their rowid) and the triggers keep it in step.
-- `INSERT INTO track_targets_fts(track_targets_fts) VALUES ('rebuild')` rebuilds it from the table.
CREATE VIRTUAL TABLE `track_targets_fts` USING fts5(account_id, search_text, content='track_targets', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `track_targets_fts`(`track_targets_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `track_targets_fts_insert` AFTER INSERT ON `track_targets` BEGIN
  INSERT INTO `track_targets_fts`(rowid, account_id, search_text) VALUES (new.rowid, new.account_id, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `track_targets_fts_delete` AFTER DELETE ON `track_targets` BEGIN
  INSERT INTO `track_targets_fts`(`track_targets_fts`, rowid, account_id, search_text) VALUES ('delete', old.rowid, old.account_id, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `track_targets_fts_update` AFTER UPDATE OF account_id, search_text ON `track_targets` BEGIN
  INSERT INTO `track_targets_fts`(`track_targets_fts`, rowid, account_id, search_text) VALUES ('delete', old.rowid, old.account_id, old.search_text);
  INSERT INTO `track_targets_fts`(rowid, account_id, search_text) VALUES (new.rowid, new.account_id, new.search_text);
END;
