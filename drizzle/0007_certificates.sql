CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`path_id` text NOT NULL,
	`cycle` integer NOT NULL,
	`holder_name` text NOT NULL,
	`path_title` text NOT NULL,
	`issuer` text NOT NULL,
	`path_version` text NOT NULL,
	`issued_at` integer NOT NULL,
	`valid_until` integer,
	`revoked_at` integer,
	`revoked_by` text,
	`revoked_reason` text,
	`recert_assigned_at` integer,
	`recert_due_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_user_path_cycle_idx` ON `certificates` (`user_id`,`path_id`,`cycle`);--> statement-breakpoint
CREATE INDEX `certificates_valid_until_idx` ON `certificates` (`valid_until`);