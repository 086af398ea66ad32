CREATE TABLE "admin_tokens" (
	"token_hash" text COLLATE "C" PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL
);
