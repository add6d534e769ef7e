ALTER TABLE `assignments` ADD `last_reminded_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `time_zone` text;