CREATE TABLE `spend` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`group_by` text NOT NULL,
	`key` text NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`amount` real NOT NULL,
	`currency` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `spend_site` ON `spend` (`site_id`,`group_by`,`key`);--> statement-breakpoint
DROP INDEX `events_site_anonymous`;--> statement-breakpoint
CREATE INDEX `events_site_identify_anonymous` ON `events` (`site_id`,`anonymous_id`) WHERE "events"."type" = 'identify';--> statement-breakpoint
CREATE INDEX `identity_links_site_customer` ON `identity_links` (`site_id`,`customer_id`);