CREATE TABLE `suppressed_customers` (
	`site_id` text NOT NULL,
	`customer_hash` text NOT NULL,
	PRIMARY KEY(`site_id`, `customer_hash`)
);
--> statement-breakpoint
CREATE TABLE `suppressed_events` (
	`site_id` text NOT NULL,
	`event_id` text NOT NULL,
	PRIMARY KEY(`site_id`, `event_id`)
);
--> statement-breakpoint
CREATE TABLE `suppression_salts` (
	`site_id` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL
);
