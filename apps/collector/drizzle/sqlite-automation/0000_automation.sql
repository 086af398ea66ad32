CREATE TABLE `automation_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`run_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`customer_id` text,
	`url` text NOT NULL,
	`branch` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`last_error` text,
	`next_attempt_at` integer,
	`give_up_at` integer NOT NULL,
	`lease_until` integer,
	`delivered_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `automation_deliveries_due` ON `automation_deliveries` (`next_attempt_at`) WHERE "automation_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX `automation_deliveries_run` ON `automation_deliveries` (`run_id`);--> statement-breakpoint
CREATE TABLE `automation_rule_versions` (
	`rule_id` text NOT NULL,
	`version` integer NOT NULL,
	`site_id` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`rule_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `automation_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`version` integer NOT NULL,
	`enabled` integer NOT NULL,
	`signing_secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `automation_rules_site` ON `automation_rules` (`site_id`);--> statement-breakpoint
CREATE TABLE `automation_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`rule_version` integer NOT NULL,
	`trigger_event_id` text NOT NULL,
	`trigger_name` text NOT NULL,
	`trigger_timestamp` integer NOT NULL,
	`person_key` text NOT NULL,
	`customer_id` text,
	`anonymous_id` text,
	`exclusive_key` text,
	`state` text NOT NULL,
	`step_path` text NOT NULL,
	`due_at` integer,
	`branches` text NOT NULL,
	`lease_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `automation_runs_trigger` ON `automation_runs` (`rule_id`,`trigger_event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `automation_runs_exclusive` ON `automation_runs` (`rule_id`,`exclusive_key`) WHERE "automation_runs"."state" = 'waiting';--> statement-breakpoint
CREATE INDEX `automation_runs_due` ON `automation_runs` (`due_at`) WHERE "automation_runs"."state" = 'waiting';--> statement-breakpoint
CREATE INDEX `automation_runs_rule` ON `automation_runs` (`rule_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `automation_runs_customer` ON `automation_runs` (`site_id`,`customer_id`);