ALTER TABLE `journey_digest_marks` ADD `as_of` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `journey_digests` ADD `event_count` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Written by hand: digests made before this migration learn how many events they hold.
UPDATE `journey_digests` SET `event_count` = (SELECT count(*) FROM `events` WHERE `events`.`site_id` = `journey_digests`.`site_id` AND `events`.`person_key` = `journey_digests`.`person_key`);
--> statement-breakpoint
-- Sites whose digests were never made (no report yet) get a mark that names no model: upkeep
-- builds them, and counts only events stored after this migration as added, not the history.
INSERT INTO `journey_digest_marks` (`site_id`, `model_key`, `through_seq`, `as_of`)
SELECT `id`, 'before upkeep', coalesce((SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'events'), 0), 0 FROM `sites`
WHERE `id` NOT IN (SELECT `site_id` FROM `journey_digest_marks`);
