CREATE TABLE "journey_changed_persons" (
	"site_id" text COLLATE "C" NOT NULL,
	"person_key" text COLLATE "C" NOT NULL,
	"since_seq" bigint,
	"queued_at" bigint NOT NULL,
	"cause" text DEFAULT 'events' NOT NULL,
	CONSTRAINT "journey_changed_persons_pkey" PRIMARY KEY("site_id","person_key")
);
--> statement-breakpoint
CREATE TABLE "journey_digest_marks" (
	"site_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"model_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journey_digests" (
	"site_id" text COLLATE "C" NOT NULL,
	"person_key" text COLLATE "C" NOT NULL,
	"summary" text NOT NULL,
	"touches" text NOT NULL,
	"event_count" integer NOT NULL,
	CONSTRAINT "journey_digests_pkey" PRIMARY KEY("site_id","person_key")
);
--> statement-breakpoint
CREATE INDEX "journey_changed_persons_site_queued" ON "journey_changed_persons" USING btree ("site_id","queued_at");
--> statement-breakpoint
-- Written by hand (drizzle's schema has no triggers): every way an event joins or leaves a person
-- queues that person, in the same transaction, so no code path can forget to. Statement-level
-- triggers: one queue statement per ingest group, its rows taken in key order so that two
-- writers lock the same queue rows in the same order. A row already queued keeps its queued_at
-- (the lag is measured from the oldest change) and its lowest since_seq; DO UPDATE rather than
-- DO NOTHING so that a row upkeep holds is waited for and queued again after it is deleted.
-- Milliseconds since the epoch, rounded down as JavaScript's Date.now() is.
CREATE FUNCTION journey_changed_now() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;--> statement-breakpoint
CREATE FUNCTION journey_changed_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Every row of one insert is new: the statement's lowest seq marks them all.
  INSERT INTO journey_changed_persons AS q (site_id, person_key, since_seq, queued_at)
  SELECT d.site_id, d.person_key, (SELECT min(seq) FROM added), journey_changed_now()
  FROM (SELECT DISTINCT site_id, person_key FROM added) d ORDER BY d.site_id, d.person_key
  ON CONFLICT (site_id, person_key) DO UPDATE SET since_seq = least(q.since_seq, excluded.since_seq);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION journey_changed_on_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journey_changed_persons AS q (site_id, person_key, since_seq, queued_at)
  SELECT d.site_id, d.person_key, NULL, journey_changed_now()
  FROM (
    SELECT o.site_id, o.person_key FROM moved_from o JOIN moved_to n USING (site_id, id) WHERE o.person_key <> n.person_key
    UNION
    SELECT n.site_id, n.person_key FROM moved_from o JOIN moved_to n USING (site_id, id) WHERE o.person_key <> n.person_key
  ) d ORDER BY d.site_id, d.person_key
  ON CONFLICT (site_id, person_key) DO UPDATE SET since_seq = q.since_seq;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION journey_changed_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journey_changed_persons AS q (site_id, person_key, since_seq, queued_at)
  SELECT d.site_id, d.person_key, NULL, journey_changed_now()
  FROM (SELECT DISTINCT site_id, person_key FROM gone) d ORDER BY d.site_id, d.person_key
  ON CONFLICT (site_id, person_key) DO UPDATE SET since_seq = q.since_seq;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER events_changed_on_insert AFTER INSERT ON events REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION journey_changed_on_insert();--> statement-breakpoint
CREATE TRIGGER events_changed_on_move AFTER UPDATE ON events REFERENCING OLD TABLE AS moved_from NEW TABLE AS moved_to FOR EACH STATEMENT EXECUTE FUNCTION journey_changed_on_move();--> statement-breakpoint
CREATE TRIGGER events_changed_on_delete AFTER DELETE ON events REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION journey_changed_on_delete();
--> statement-breakpoint
-- The sites that exist now get a mark that names no model: upkeep queues and builds every person
-- once, and counts none of the history as added events (a site made later counts its first ones).
INSERT INTO journey_digest_marks (site_id, model_key) SELECT id, 'before upkeep' FROM sites;
