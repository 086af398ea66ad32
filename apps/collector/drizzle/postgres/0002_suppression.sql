CREATE TABLE "suppressed_customers" (
	"site_id" text COLLATE "C" NOT NULL,
	"customer_hash" text COLLATE "C" NOT NULL,
	CONSTRAINT "suppressed_customers_pkey" PRIMARY KEY("site_id","customer_hash")
);
--> statement-breakpoint
CREATE TABLE "suppressed_events" (
	"site_id" text COLLATE "C" NOT NULL,
	"event_id" text COLLATE "C" NOT NULL,
	CONSTRAINT "suppressed_events_pkey" PRIMARY KEY("site_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "suppression_salts" (
	"site_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"salt" text NOT NULL
);
