ALTER TABLE `journey_digest_marks` ADD `as_of` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `journey_digests` ADD `event_count` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Written by hand: digests made before this migration learn how many events they hold.
UPDATE `journey_digests` SET `event_count` = (SELECT count(*) FROM `events` WHERE `events`.`site_id` = `journey_digests`.`site_id` AND `events`.`person_key` = `journey_digests`.`person_key`);
