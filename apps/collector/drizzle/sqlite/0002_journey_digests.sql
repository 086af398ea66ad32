CREATE TABLE `journey_digest_marks` (
	`site_id` text PRIMARY KEY NOT NULL,
	`model_key` text NOT NULL,
	`through_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `journey_digest_stale` (
	`site_id` text NOT NULL,
	`person_key` text NOT NULL,
	PRIMARY KEY(`site_id`, `person_key`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `journey_digests` (
	`site_id` text NOT NULL,
	`person_key` text NOT NULL,
	`summary` text NOT NULL,
	`touches` text NOT NULL,
	PRIMARY KEY(`site_id`, `person_key`)
) WITHOUT ROWID;--> statement-breakpoint
-- Written by hand (drizzle's schema has no triggers): every way an event leaves a person marks
-- that person's digest stale, so no code path can forget to. New events need no trigger: the
-- digests record the last seq they include.
CREATE TRIGGER `events_digest_stale_on_move` AFTER UPDATE OF `person_key` ON `events` WHEN old.`person_key` <> new.`person_key` BEGIN
	INSERT OR IGNORE INTO `journey_digest_stale` (`site_id`, `person_key`) VALUES (old.`site_id`, old.`person_key`), (new.`site_id`, new.`person_key`);
END;--> statement-breakpoint
CREATE TRIGGER `events_digest_stale_on_delete` AFTER DELETE ON `events` BEGIN
	INSERT OR IGNORE INTO `journey_digest_stale` (`site_id`, `person_key`) VALUES (old.`site_id`, old.`person_key`);
END;
