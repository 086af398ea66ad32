CREATE TABLE "spend" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"site_id" text COLLATE "C" NOT NULL,
	"group_by" text COLLATE "C" NOT NULL,
	"key" text COLLATE "C" NOT NULL,
	"from" text NOT NULL,
	"to" text NOT NULL,
	"amount" double precision NOT NULL,
	"currency" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
DROP INDEX "events_site_anonymous";--> statement-breakpoint
CREATE INDEX "spend_site" ON "spend" USING btree ("site_id","group_by","key");--> statement-breakpoint
CREATE INDEX "events_site_identify_anonymous" ON "events" USING btree ("site_id","anonymous_id") WHERE "events"."type" = 'identify';--> statement-breakpoint
CREATE INDEX "identity_links_site_customer" ON "identity_links" USING btree ("site_id","customer_id");