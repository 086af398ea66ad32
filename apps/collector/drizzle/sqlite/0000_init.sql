CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`anonymous_id` text,
	`customer_id` text,
	`person_key` text NOT NULL,
	`session_id` text,
	`timestamp` integer NOT NULL,
	`received_at` integer NOT NULL,
	`properties` text DEFAULT '{}' NOT NULL,
	`traits` text,
	`context` text DEFAULT '{}' NOT NULL,
	`user_agent` text,
	`browser` text,
	`os` text,
	`device_type` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_site_id_id` ON `events` (`site_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_site_person_time` ON `events` (`site_id`,`person_key`,`timestamp`);--> statement-breakpoint
CREATE INDEX `events_site_time` ON `events` (`site_id`,`timestamp`);--> statement-breakpoint
CREATE INDEX `events_site_anonymous` ON `events` (`site_id`,`anonymous_id`);--> statement-breakpoint
CREATE TABLE `identity_links` (
	`site_id` text NOT NULL,
	`anonymous_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	`event_id` text NOT NULL,
	PRIMARY KEY(`site_id`, `anonymous_id`)
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`write_key` text NOT NULL,
	`read_key_hash` text NOT NULL,
	`secret_key_hash` text NOT NULL,
	`origins` text DEFAULT '[]' NOT NULL,
	`stage_model` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_write_key` ON `sites` (`write_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `sites_read_key_hash` ON `sites` (`read_key_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `sites_secret_key_hash` ON `sites` (`secret_key_hash`);