CREATE TABLE "journey_stage_entries" (
	"site_id" text COLLATE "C" NOT NULL,
	"person_key" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"entered_at" bigint NOT NULL,
	"recorded_at" bigint NOT NULL,
	CONSTRAINT "journey_stage_entries_pkey" PRIMARY KEY("site_id","person_key","stage","entered_at")
);
