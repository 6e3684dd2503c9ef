CREATE TABLE "auth_attempt" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"attempts" integer NOT NULL,
	CONSTRAINT "auth_attempt_positive" CHECK ("auth_attempt"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "request_key" (
	"scope" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"result" jsonb,
	CONSTRAINT "request_key_scope_key_hash_pk" PRIMARY KEY("scope","key_hash")
);
--> statement-breakpoint
ALTER TABLE "outbox_mail" ADD COLUMN "smtp_started_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "auth_attempt_window" ON "auth_attempt" USING btree ("window_started_at");--> statement-breakpoint
CREATE INDEX "request_key_expires" ON "request_key" USING btree ("expires_at");--> statement-breakpoint
-- A mail claimed before this column existed may already have reached the SMTP server: it keeps
-- the old rule (uncertain after the lease) rather than being sent again.
UPDATE "outbox_mail" SET "smtp_started_at" = "claimed_at" WHERE "status" = 'sending';
