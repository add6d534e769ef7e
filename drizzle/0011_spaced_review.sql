CREATE TABLE `review_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`item_id` text NOT NULL,
	`objective` text NOT NULL,
	`due` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`scheduled_days` integer NOT NULL,
	`reps` integer NOT NULL,
	`lapses` integer NOT NULL,
	`state` integer NOT NULL,
	`last_review` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_cards_source_idx` ON `review_cards` (`user_id`,`kind`,`source_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `review_cards_user_due_idx` ON `review_cards` (`user_id`,`due`);--> statement-breakpoint
CREATE TABLE `review_logs` (
	`card_id` text NOT NULL,
	`step` integer NOT NULL,
	`user_id` text NOT NULL,
	`objective` text NOT NULL,
	`asked_id` text NOT NULL,
	`answer` text NOT NULL,
	`correct` integer NOT NULL,
	`days_since_miss` real NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`card_id`, `step`),
	FOREIGN KEY (`card_id`) REFERENCES `review_cards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_logs_user_idx` ON `review_logs` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `review_logs_objective_idx` ON `review_logs` (`objective`);--> statement-breakpoint
CREATE TABLE `review_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`daily_cap` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `skill_self_ratings` (
	`user_id` text NOT NULL,
	`skill` text NOT NULL,
	`day` text NOT NULL,
	`value` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `skill`, `day`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
