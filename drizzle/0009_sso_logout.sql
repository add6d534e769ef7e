CREATE TABLE `sso_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`id_token` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
