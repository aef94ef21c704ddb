ALTER TABLE `connections` ADD `connected_at` integer;--> statement-breakpoint
ALTER TABLE `connections` ADD `history_from` integer;--> statement-breakpoint
ALTER TABLE `connections` ADD `backfill_from` integer;--> statement-breakpoint
ALTER TABLE `connections` ADD `backfill_imported` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tags` ADD `toggl_at` text;--> statement-breakpoint
UPDATE `connections` SET `connected_at` = `created_at`, `history_from` = `created_at` - `backfill_days` * 86400000, `backfill_from` = CASE WHEN `backfill_days` > 0 THEN `created_at` - `backfill_days` * 86400000 ELSE NULL END;
