-- touchpoint 0.1.0 (commit 07f625f6002603c1d43533be67eca50567fb5a01): its SQLite schema (migrations 0000-0002) with a little data.
-- Made by make-fixture.mjs beside this file; do not edit.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (
				id SERIAL PRIMARY KEY,
				hash text NOT NULL,
				created_at numeric
			);
INSERT INTO __drizzle_migrations VALUES(NULL,'9aea16d72c1d5be6ef7dc4d6735f72d1b6edf905c7f0c86f2fa385b510010786',1795459963531);
INSERT INTO __drizzle_migrations VALUES(NULL,'3bc95929e781ad13fdf7c2d4f174695986290b8f5bf1591f12994a0d2b363aff',1795461992596);
INSERT INTO __drizzle_migrations VALUES(NULL,'10058f05c4da2f8c4e553c96535de979096caa52fe9680189a1c32e6acb6f7ec',1796563624586);
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
INSERT INTO events VALUES(1,'site_fixture000000000001','ev-1','touchpoint','banner_click','anon-1',NULL,'c:ada@example.com','sess-1',1795132800000,1795132800500,'{"campaign":"winter"}',NULL,'{"path":"/","utm":{"source":"google","medium":"cpc"}}','Mozilla/5.0','Chrome','Windows','desktop');
INSERT INTO events VALUES(2,'site_fixture000000000001','ev-2','touchpoint','catalog_view','anon-1',NULL,'c:ada@example.com','sess-1',1795132860000,1795132860500,'{}',NULL,'{"path":"/catalog"}','Mozilla/5.0','Chrome','Windows','desktop');
INSERT INTO events VALUES(3,'site_fixture000000000001','ev-3','identify','identify','anon-1','ada@example.com','c:ada@example.com','sess-1',1795132920000,1795132920500,'{}','{"persona":"researcher"}','{"path":"/login"}','Mozilla/5.0','Chrome','Windows','desktop');
INSERT INTO events VALUES(4,'site_fixture000000000001','ev-4','touchpoint','purchase','anon-1','ada@example.com','c:ada@example.com','sess-1',1795132980000,1795132980500,'{"value":42.5,"currency":"EUR"}',NULL,'{"path":"/thanks"}','Mozilla/5.0','Chrome','Windows','desktop');
INSERT INTO events VALUES(5,'site_fixture000000000001','ev-5','touchpoint','catalog_view','anon-2',NULL,'a:anon-2','sess-1',1795133040000,1795133040500,'{}',NULL,'{"path":"/catalog"}','Mozilla/5.0','Chrome','Windows','desktop');
CREATE TABLE `identity_links` (
	`site_id` text NOT NULL,
	`anonymous_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	`event_id` text NOT NULL,
	PRIMARY KEY(`site_id`, `anonymous_id`)
);
INSERT INTO identity_links VALUES('site_fixture000000000001','anon-1','ada@example.com',1795132920000,'ev-3');
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
INSERT INTO sites VALUES('site_fixture000000000001','shop','tp_pub_fixture-write-key','16b86aaaac5d4fb9d4a60c3f8653ca5a0c96626c8293c5bd125f1f40131104fe','6a73c7ce16c353be101fabb8ad90bf27641f2052ac4c3bdb7d2df77f3e8f6277','["https://shop.example"]',NULL,1795132800000);
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
INSERT INTO spend VALUES('spend_fixture','site_fixture000000000001','channel','paid_search','2026-11-01','2026-11-30',99.499999999999999998,'EUR',1795132800000);
CREATE TABLE `journey_digest_marks` (
	`site_id` text PRIMARY KEY NOT NULL,
	`model_key` text NOT NULL,
	`through_seq` integer NOT NULL
);
CREATE TABLE `journey_digest_stale` (
	`site_id` text NOT NULL,
	`person_key` text NOT NULL,
	PRIMARY KEY(`site_id`, `person_key`)
) WITHOUT ROWID;
CREATE TABLE `journey_digests` (
	`site_id` text NOT NULL,
	`person_key` text NOT NULL,
	`summary` text NOT NULL,
	`touches` text NOT NULL,
	PRIMARY KEY(`site_id`, `person_key`)
) WITHOUT ROWID;
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('events',5);
CREATE UNIQUE INDEX `events_site_id_id` ON `events` (`site_id`,`id`);
CREATE INDEX `events_site_person_time` ON `events` (`site_id`,`person_key`,`timestamp`);
CREATE INDEX `events_site_time` ON `events` (`site_id`,`timestamp`);
CREATE UNIQUE INDEX `sites_write_key` ON `sites` (`write_key`);
CREATE UNIQUE INDEX `sites_read_key_hash` ON `sites` (`read_key_hash`);
CREATE UNIQUE INDEX `sites_secret_key_hash` ON `sites` (`secret_key_hash`);
CREATE INDEX `spend_site` ON `spend` (`site_id`,`group_by`,`key`);
CREATE INDEX `events_site_identify_anonymous` ON `events` (`site_id`,`anonymous_id`) WHERE "events"."type" = 'identify';
CREATE INDEX `identity_links_site_customer` ON `identity_links` (`site_id`,`customer_id`);
CREATE TRIGGER `events_digest_stale_on_move` AFTER UPDATE OF `person_key` ON `events` WHEN old.`person_key` <> new.`person_key` BEGIN
	INSERT OR IGNORE INTO `journey_digest_stale` (`site_id`, `person_key`) VALUES (old.`site_id`, old.`person_key`), (new.`site_id`, new.`person_key`);
END;
CREATE TRIGGER `events_digest_stale_on_delete` AFTER DELETE ON `events` BEGIN
	INSERT OR IGNORE INTO `journey_digest_stale` (`site_id`, `person_key`) VALUES (old.`site_id`, old.`person_key`);
END;
COMMIT;
