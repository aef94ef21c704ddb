CREATE TABLE `time_entry_tombstones` (
	`account_id` text NOT NULL,
	`toggl_id` text NOT NULL,
	`deleted_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `toggl_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `quota_budgets` ADD `in_flight` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Deletions stored before tombstones existed stay deletions for good.
INSERT OR IGNORE INTO `time_entry_tombstones` (`account_id`, `toggl_id`, `deleted_at`)
SELECT `account_id`, `toggl_id`, `updated_at` FROM `time_logs` WHERE `deleted_in_toggl` = 1;
