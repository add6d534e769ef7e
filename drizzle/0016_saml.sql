CREATE TABLE `saml_assertions` (
	`provider_id` text NOT NULL,
	`assertion_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`provider_id`, `assertion_id`)
);
--> statement-breakpoint
CREATE INDEX `saml_assertions_expires_idx` ON `saml_assertions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `saml_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `saml_requests_expires_idx` ON `saml_requests` (`expires_at`);--> statement-breakpoint
CREATE TABLE `saml_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`name_id` text NOT NULL,
	`name_id_format` text,
	`session_index` text,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `saml_sessions_name_idx` ON `saml_sessions` (`provider_id`,`name_id`);