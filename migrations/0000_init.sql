CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `clients` (
	`account_id` text NOT NULL,
	`id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`toggl_at` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `clients_workspace` ON `clients` (`account_id`,`workspace_id`);--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`workspace_name` text NOT NULL,
	`owner_user_id` text NOT NULL,
	`credential_id` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`backfill_days` integer DEFAULT 0 NOT NULL,
	`webhook_subscription_id` text,
	`webhook_secret_ciphertext` text,
	`webhook_status` text DEFAULT 'none' NOT NULL,
	`webhook_event_filters` text,
	`webhook_validated_at` integer,
	`webhook_last_event_at` integer,
	`webhook_checked_at` integer,
	`webhook_repaired_at` integer,
	`webhook_note` text,
	`ignored_deliveries` integer DEFAULT 0 NOT NULL,
	`paused_until` integer,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`unlinked_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credential_id`) REFERENCES `toggl_credentials`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connections_account_workspace` ON `connections` (`account_id`,`workspace_id`);--> statement-breakpoint
CREATE INDEX `connections_status` ON `connections` (`status`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`toggl_user_id` text NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`toggl_role` text,
	`active` integer DEFAULT true NOT NULL,
	`user_id` text,
	`match` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_account_workspace_toggl_user` ON `members` (`account_id`,`workspace_id`,`toggl_user_id`);--> statement-breakpoint
CREATE INDEX `members_account_toggl_user` ON `members` (`account_id`,`toggl_user_id`);--> statement-breakpoint
CREATE INDEX `members_user` ON `members` (`account_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`account_id` text NOT NULL,
	`id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`client_id` text,
	`name` text NOT NULL,
	`billable` integer DEFAULT false NOT NULL,
	`color` text,
	`archived` integer DEFAULT false NOT NULL,
	`toggl_at` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `projects_workspace` ON `projects` (`account_id`,`workspace_id`);--> statement-breakpoint
CREATE TABLE `quota_budgets` (
	`credential_id` text NOT NULL,
	`bucket` text NOT NULL,
	`account_id` text NOT NULL,
	`remaining` integer,
	`total` integer,
	`resets_at` integer,
	`observed_at` integer NOT NULL,
	`paused_until` integer,
	PRIMARY KEY(`credential_id`, `bucket`),
	FOREIGN KEY (`credential_id`) REFERENCES `toggl_credentials`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `running_entries` (
	`account_id` text NOT NULL,
	`toggl_user_id` text NOT NULL,
	`toggl_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`project_id` text,
	`task_id` text,
	`description` text DEFAULT '' NOT NULL,
	`billable` integer DEFAULT false NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`start` integer NOT NULL,
	`toggl_at` integer NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `toggl_user_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`account_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sync_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`kind` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`cursor` text,
	`not_before` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`requests_spent` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sync_jobs_state` ON `sync_jobs` (`state`,`not_before`);--> statement-breakpoint
CREATE INDEX `sync_jobs_connection` ON `sync_jobs` (`account_id`,`connection_id`,`kind`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`steps` text DEFAULT '[]' NOT NULL,
	`items_changed` integer DEFAULT 0 NOT NULL,
	`requests_spent` integer DEFAULT 0 NOT NULL,
	`error` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sync_runs_connection_started` ON `sync_runs` (`account_id`,`connection_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `tags` (
	`account_id` text NOT NULL,
	`id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tags_workspace` ON `tags` (`account_id`,`workspace_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`account_id` text NOT NULL,
	`id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`project_id` text NOT NULL,
	`name` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`toggl_at` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_project` ON `tasks` (`account_id`,`project_id`);--> statement-breakpoint
CREATE INDEX `tasks_workspace` ON `tasks` (`account_id`,`workspace_id`);--> statement-breakpoint
CREATE TABLE `time_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`toggl_id` text NOT NULL,
	`toggl_user_id` text NOT NULL,
	`user_id` text,
	`client_id` text,
	`project_id` text,
	`task_id` text,
	`client_name` text,
	`project_name` text,
	`task_name` text,
	`description` text DEFAULT '' NOT NULL,
	`start` integer NOT NULL,
	`stop` integer NOT NULL,
	`duration_seconds` integer NOT NULL,
	`billable` integer DEFAULT false NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`toggl_at` integer NOT NULL,
	`deleted_in_toggl` integer DEFAULT false NOT NULL,
	`displayable` integer DEFAULT true NOT NULL,
	`scorable` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `time_logs_account_toggl` ON `time_logs` (`account_id`,`toggl_id`);--> statement-breakpoint
CREATE INDEX `time_logs_account_start` ON `time_logs` (`account_id`,`start`);--> statement-breakpoint
CREATE INDEX `time_logs_account_user_start` ON `time_logs` (`account_id`,`user_id`,`start`);--> statement-breakpoint
CREATE INDEX `time_logs_account_toggl_user` ON `time_logs` (`account_id`,`toggl_user_id`);--> statement-breakpoint
CREATE TABLE `toggl_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`user_id` text NOT NULL,
	`toggl_user_id` text NOT NULL,
	`token_ciphertext` text NOT NULL,
	`timezone` text,
	`invalid_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `toggl_credentials_user` ON `toggl_credentials` (`user_id`);--> statement-breakpoint
CREATE INDEX `toggl_credentials_account` ON `toggl_credentials` (`account_id`);--> statement-breakpoint
CREATE TABLE `track_targets` (
	`account_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`workspace_id` text NOT NULL,
	`client_id` text,
	`project_id` text,
	`task_id` text,
	`label` text NOT NULL,
	`search_text` text NOT NULL,
	`billable` integer DEFAULT false NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`account_id`, `key`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `track_targets_search` ON `track_targets` (`account_id`,`archived`,`kind`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`toggl_user_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_account_email` ON `users` (`account_id`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_toggl_user` ON `users` (`toggl_user_id`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`account_id` text NOT NULL,
	`id` text NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
