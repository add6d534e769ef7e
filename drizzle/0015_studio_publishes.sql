CREATE TABLE `publishes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text,
	`status` text NOT NULL,
	`step` text DEFAULT 'checking' NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`files` text NOT NULL,
	`warnings` text NOT NULL,
	`reason` text,
	`revert_of` integer,
	`error` text,
	`commit_sha` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `publishes_started_idx` ON `publishes` (`started_at`);