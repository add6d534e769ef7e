CREATE TABLE `practice_disagreements` (
	`reply_id` text NOT NULL,
	`criterion` text NOT NULL,
	`said_met` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`reply_id`, `criterion`),
	FOREIGN KEY (`reply_id`) REFERENCES `practice_replies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `practice_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`prompt_id` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`analysis` text NOT NULL,
	`submission_key` text NOT NULL,
	`shared_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `practice_replies_version_idx` ON `practice_replies` (`user_id`,`prompt_id`,`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `practice_replies_submission_idx` ON `practice_replies` (`user_id`,`submission_key`);--> statement-breakpoint
CREATE INDEX `practice_replies_prompt_idx` ON `practice_replies` (`prompt_id`);--> statement-breakpoint
CREATE TABLE `practice_self_ratings` (
	`reply_id` text NOT NULL,
	`criterion` text NOT NULL,
	`rating` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`reply_id`, `criterion`),
	FOREIGN KEY (`reply_id`) REFERENCES `practice_replies`(`id`) ON UPDATE no action ON DELETE cascade
);
