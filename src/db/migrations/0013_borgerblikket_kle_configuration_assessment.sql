CREATE TABLE "project_milestone" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_milestone_span" CHECK ("project_milestone"."ends_on" is null or "project_milestone"."ends_on" >= "project_milestone"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "bb_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "bb_assessment_number" (
	"assessment_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"kle" text NOT NULL,
	"youth_cases" integer NOT NULL,
	"decision" text,
	"note" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "bb_assessment_number_assessment_id_municipality_code_kle_pk" PRIMARY KEY("assessment_id","municipality_code","kle"),
	CONSTRAINT "bb_assessment_number_decision" CHECK ("bb_assessment_number"."decision" is null or "bb_assessment_number"."decision" in ('klar','ikke_klar'))
);
--> statement-breakpoint
CREATE TABLE "bb_config_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" uuid,
	"changed_by_name" text NOT NULL,
	"numbers" integer NOT NULL,
	CONSTRAINT "bb_config_change_kind" CHECK ("bb_config_change"."kind" in ('rediger','masseaendring','import','vurdering','gennemgang'))
);
--> statement-breakpoint
CREATE TABLE "bb_config_change_entry" (
	"change_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"kle" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	CONSTRAINT "bb_config_change_entry_change_id_kle_pk" PRIMARY KEY("change_id","kle")
);
--> statement-breakpoint
CREATE TABLE "bb_config_entry" (
	"municipality_code" char(4) NOT NULL,
	"kle" text NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "bb_config_entry_municipality_code_kle_pk" PRIMARY KEY("municipality_code","kle")
);
--> statement-breakpoint
CREATE TABLE "bb_setting" (
	"id" integer PRIMARY KEY NOT NULL,
	"youth_activation" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "bb_setting_one_row" CHECK ("bb_setting"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "kle_number" (
	"number" text PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"parent" text,
	"title" text NOT NULL,
	"created_on" date,
	"changed_on" date,
	"expired_on" date,
	"expired_note" text,
	"last_import_id" uuid,
	CONSTRAINT "kle_number_level" CHECK ("kle_number"."level" in ('hovedgruppe','gruppe','emne')),
	CONSTRAINT "kle_number_format" CHECK ("kle_number"."number" ~ '^[0-9]{2}(\.[0-9]{2}){0,2}$')
);
--> statement-breakpoint
CREATE TABLE "kle_plan_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"published_on" date NOT NULL,
	"filename" text NOT NULL,
	"sha256" text NOT NULL,
	"main_groups" integer NOT NULL,
	"groups" integer NOT NULL,
	"topics" integer NOT NULL,
	"newly_expired" integer DEFAULT 0 NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid
);
--> statement-breakpoint
ALTER TABLE "project_milestone" ADD CONSTRAINT "project_milestone_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_assessment" ADD CONSTRAINT "bb_assessment_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_assessment" ADD CONSTRAINT "bb_assessment_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_assessment_number" ADD CONSTRAINT "bb_assessment_number_assessment_id_bb_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."bb_assessment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_assessment_number" ADD CONSTRAINT "bb_assessment_number_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_assessment_number" ADD CONSTRAINT "bb_assessment_number_decided_by_user_account_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_config_change" ADD CONSTRAINT "bb_config_change_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_config_change" ADD CONSTRAINT "bb_config_change_changed_by_user_account_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_config_change_entry" ADD CONSTRAINT "bb_config_change_entry_change_id_bb_config_change_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."bb_config_change"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_config_entry" ADD CONSTRAINT "bb_config_entry_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_config_entry" ADD CONSTRAINT "bb_config_entry_kle_kle_number_number_fk" FOREIGN KEY ("kle") REFERENCES "public"."kle_number"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_config_entry" ADD CONSTRAINT "bb_config_entry_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bb_setting" ADD CONSTRAINT "bb_setting_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kle_number" ADD CONSTRAINT "kle_number_last_import_id_kle_plan_import_id_fk" FOREIGN KEY ("last_import_id") REFERENCES "public"."kle_plan_import"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kle_plan_import" ADD CONSTRAINT "kle_plan_import_imported_by_user_account_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_milestone_project" ON "project_milestone" USING btree ("project_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "bb_assessment_task" ON "bb_assessment" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "bb_assessment_number_decided" ON "bb_assessment_number" USING btree ("assessment_id","decision");--> statement-breakpoint
CREATE INDEX "bb_config_change_municipality" ON "bb_config_change" USING btree ("municipality_code","changed_at");--> statement-breakpoint
CREATE INDEX "bb_config_change_entry_number" ON "bb_config_change_entry" USING btree ("municipality_code","kle");--> statement-breakpoint
CREATE INDEX "kle_number_parent" ON "kle_number" USING btree ("parent");--> statement-breakpoint
INSERT INTO "bb_setting" ("id", "youth_activation") VALUES (1, '2025-11-03');
