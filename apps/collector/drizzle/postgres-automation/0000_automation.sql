CREATE TABLE "automation_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"run_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"customer_id" text,
	"url" text NOT NULL,
	"branch" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"last_error" text,
	"next_attempt_at" bigint,
	"give_up_at" bigint NOT NULL,
	"lease_until" bigint,
	"delivered_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_rule_versions" (
	"rule_id" text NOT NULL,
	"version" integer NOT NULL,
	"site_id" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "automation_rule_versions_rule_id_version_pk" PRIMARY KEY("rule_id","version")
);
--> statement-breakpoint
CREATE TABLE "automation_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"version" integer NOT NULL,
	"enabled" integer NOT NULL,
	"signing_secret" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"rule_version" integer NOT NULL,
	"trigger_event_id" text NOT NULL,
	"trigger_name" text NOT NULL,
	"trigger_timestamp" bigint NOT NULL,
	"person_key" text NOT NULL,
	"customer_id" text,
	"anonymous_id" text,
	"exclusive_key" text,
	"state" text NOT NULL,
	"step_path" text NOT NULL,
	"due_at" bigint,
	"branches" text NOT NULL,
	"lease_until" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "automation_deliveries_due" ON "automation_deliveries" USING btree ("next_attempt_at") WHERE "automation_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "automation_deliveries_run" ON "automation_deliveries" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "automation_rules_site" ON "automation_rules" USING btree ("site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "automation_runs_trigger" ON "automation_runs" USING btree ("rule_id","trigger_event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "automation_runs_exclusive" ON "automation_runs" USING btree ("rule_id","exclusive_key") WHERE "automation_runs"."state" = 'waiting';--> statement-breakpoint
CREATE INDEX "automation_runs_due" ON "automation_runs" USING btree ("due_at") WHERE "automation_runs"."state" = 'waiting';--> statement-breakpoint
CREATE INDEX "automation_runs_rule" ON "automation_runs" USING btree ("rule_id","created_at");--> statement-breakpoint
CREATE INDEX "automation_runs_customer" ON "automation_runs" USING btree ("site_id","customer_id");