CREATE TABLE `xapi_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`statement` text NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`sent_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `xapi_outbox_due_idx` ON `xapi_outbox` (`sent_at`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `xapi_status` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_success_at` integer,
	`last_error_at` integer,
	`last_error` text
);
