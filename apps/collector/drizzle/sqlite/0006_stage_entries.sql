CREATE TABLE `journey_stage_entries` (
	`site_id` text NOT NULL,
	`person_key` text NOT NULL,
	`stage` text NOT NULL,
	`entered_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `person_key`, `stage`, `entered_at`)
);
