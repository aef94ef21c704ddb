-- Task search that stops after a page: the trigram index now hands out matches in label order (its
-- rowids are the targets' rowids, which each workspace's rebuild writes in label order), so a search
-- reads about one page of targets however many match. It indexes search_words (every word after two
-- spaces, so one- and two-letter words match word starts) and search_label (every label part after
-- "→ ", for the best rank), both computed columns that are null for archived targets.
DROP TRIGGER `track_targets_fts_insert`;--> statement-breakpoint
DROP TRIGGER `track_targets_fts_delete`;--> statement-breakpoint
DROP TRIGGER `track_targets_fts_update`;--> statement-breakpoint
DROP TABLE `track_targets_fts`;--> statement-breakpoint
ALTER TABLE `track_targets` ADD `search_words` text GENERATED ALWAYS AS (case when archived then null else '  ' || replace(search_text, ' ', '  ') end) VIRTUAL;--> statement-breakpoint
ALTER TABLE `track_targets` ADD `search_label` text GENERATED ALWAYS AS (case when archived then null else '→ ' || label end) VIRTUAL;--> statement-breakpoint
-- Existing targets written again in label order per workspace, as a rebuild writes them.
CREATE TABLE `track_targets_in_label_order` AS SELECT `account_id`, `key`, `kind`, `workspace_id`, `client_id`, `project_id`, `task_id`, `label`, `search_text`, `billable`, `archived`, `private` FROM `track_targets`;
--> statement-breakpoint
DELETE FROM `track_targets`;
--> statement-breakpoint
INSERT INTO `track_targets` (`account_id`, `key`, `kind`, `workspace_id`, `client_id`, `project_id`, `task_id`, `label`, `search_text`, `billable`, `archived`, `private`)
  SELECT `account_id`, `key`, `kind`, `workspace_id`, `client_id`, `project_id`, `task_id`, `label`, `search_text`, `billable`, `archived`, `private`
  FROM `track_targets_in_label_order` ORDER BY `account_id`, `workspace_id`, `label` COLLATE NOCASE, `key`;
--> statement-breakpoint
DROP TABLE `track_targets_in_label_order`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `track_targets_fts` USING fts5(account_id, search_words, search_label, content='track_targets', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `track_targets_fts`(`track_targets_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `track_targets_fts_insert` AFTER INSERT ON `track_targets` BEGIN
  INSERT INTO `track_targets_fts`(rowid, account_id, search_words, search_label) VALUES (new.rowid, new.account_id, new.search_words, new.search_label);
END;
--> statement-breakpoint
CREATE TRIGGER `track_targets_fts_delete` AFTER DELETE ON `track_targets` BEGIN
  INSERT INTO `track_targets_fts`(`track_targets_fts`, rowid, account_id, search_words, search_label) VALUES ('delete', old.rowid, old.account_id, old.search_words, old.search_label);
END;
--> statement-breakpoint
CREATE TRIGGER `track_targets_fts_update` AFTER UPDATE OF account_id, label, search_text, archived ON `track_targets` BEGIN
  INSERT INTO `track_targets_fts`(`track_targets_fts`, rowid, account_id, search_words, search_label) VALUES ('delete', old.rowid, old.account_id, old.search_words, old.search_label);
  INSERT INTO `track_targets_fts`(rowid, account_id, search_words, search_label) VALUES (new.rowid, new.account_id, new.search_words, new.search_label);
END;
