CREATE TABLE `project_members` (
	`account_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`project_id` text NOT NULL,
	`toggl_user_id` text NOT NULL,
	PRIMARY KEY(`account_id`, `project_id`, `toggl_user_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_members_workspace` ON `project_members` (`account_id`,`workspace_id`);--> statement-breakpoint
ALTER TABLE `projects` ADD `private` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `toggl_credentials` ADD `beginning_of_week` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `track_targets` ADD `private` integer DEFAULT false NOT NULL;