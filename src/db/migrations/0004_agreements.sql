CREATE TABLE "agreement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_version_id" uuid,
	"audience_role_key" text,
	"audience_solution_key" text,
	"cc_role_key" text,
	"deadline" date,
	"reminder_offsets" jsonb,
	"next_reminder_at" timestamp with time zone,
	"last_dispatched_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_type" CHECK ("agreement"."type" in ('databehandleraftale','tilslutningsaftale','samarbejdsaftale','k98')),
	CONSTRAINT "agreement_status" CHECK ("agreement"."status" in ('draft','sent','closed'))
);
--> statement-breakpoint
CREATE TABLE "agreement_dispatch" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"request_key" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"role_key" text NOT NULL,
	"solution_key" text,
	"cc_role_key" text,
	"deadline" date NOT NULL,
	"municipality_codes" jsonb NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by" uuid,
	CONSTRAINT "agreement_dispatch_request_key_unique" UNIQUE("request_key")
);
--> statement-breakpoint
CREATE TABLE "agreement_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"from_central" boolean NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_reminder" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"slot" text NOT NULL,
	"recipient_email" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"manual" boolean DEFAULT false NOT NULL,
	"sent_by" uuid
);
--> statement-breakpoint
CREATE TABLE "agreement_signature" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"method" text NOT NULL,
	"state" text NOT NULL,
	"signer_user_id" uuid,
	"signer_person_id" uuid,
	"signer_name" text NOT NULL,
	"signer_title" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"version_sha256" text NOT NULL,
	"ip" text DEFAULT '' NOT NULL,
	"upload_filename" text,
	"upload_content_type" text,
	"upload_size" integer,
	"upload_sha256" text,
	"upload_content" "bytea",
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reject_reason" text,
	"superseded_at" timestamp with time zone,
	"superseded_by_version_id" uuid,
	CONSTRAINT "agreement_signature_method" CHECK ("agreement_signature"."method" in ('samspil','upload')),
	CONSTRAINT "agreement_signature_state" CHECK ("agreement_signature"."state" in ('signed','pending','rejected'))
);
--> statement-breakpoint
CREATE TABLE "agreement_solution" (
	"agreement_id" uuid NOT NULL,
	"solution_key" text NOT NULL,
	CONSTRAINT "agreement_solution_agreement_id_solution_key_pk" PRIMARY KEY("agreement_id","solution_key")
);
--> statement-breakpoint
CREATE TABLE "agreement_target" (
	"agreement_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"in_dialogue" boolean DEFAULT false NOT NULL,
	"dialogue_since" timestamp with time zone,
	CONSTRAINT "agreement_target_agreement_id_municipality_code_pk" PRIMARY KEY("agreement_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "agreement_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"change_note" text DEFAULT '' NOT NULL,
	"requires_resign" boolean DEFAULT true NOT NULL,
	"sha256" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_audience_role_key_role_type_key_fk" FOREIGN KEY ("audience_role_key") REFERENCES "public"."role_type"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_audience_solution_key_solution_key_fk" FOREIGN KEY ("audience_solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_cc_role_key_role_type_key_fk" FOREIGN KEY ("cc_role_key") REFERENCES "public"."role_type"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_dispatch" ADD CONSTRAINT "agreement_dispatch_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_dispatch" ADD CONSTRAINT "agreement_dispatch_version_id_agreement_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_dispatch" ADD CONSTRAINT "agreement_dispatch_role_key_role_type_key_fk" FOREIGN KEY ("role_key") REFERENCES "public"."role_type"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_dispatch" ADD CONSTRAINT "agreement_dispatch_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_dispatch" ADD CONSTRAINT "agreement_dispatch_cc_role_key_role_type_key_fk" FOREIGN KEY ("cc_role_key") REFERENCES "public"."role_type"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_dispatch" ADD CONSTRAINT "agreement_dispatch_sent_by_user_account_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_file" ADD CONSTRAINT "agreement_file_version_id_agreement_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_file" ADD CONSTRAINT "agreement_file_uploaded_by_user_account_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_note" ADD CONSTRAINT "agreement_note_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_note" ADD CONSTRAINT "agreement_note_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_note" ADD CONSTRAINT "agreement_note_author_user_id_user_account_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reminder" ADD CONSTRAINT "agreement_reminder_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reminder" ADD CONSTRAINT "agreement_reminder_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reminder" ADD CONSTRAINT "agreement_reminder_sent_by_user_account_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_version_id_agreement_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_signer_user_id_user_account_id_fk" FOREIGN KEY ("signer_user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_signer_person_id_person_id_fk" FOREIGN KEY ("signer_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_reviewed_by_user_account_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_superseded_by_version_id_agreement_version_id_fk" FOREIGN KEY ("superseded_by_version_id") REFERENCES "public"."agreement_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_solution" ADD CONSTRAINT "agreement_solution_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_solution" ADD CONSTRAINT "agreement_solution_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_target" ADD CONSTRAINT "agreement_target_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_target" ADD CONSTRAINT "agreement_target_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_version" ADD CONSTRAINT "agreement_version_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_version" ADD CONSTRAINT "agreement_version_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_next_reminder" ON "agreement" USING btree ("next_reminder_at");--> statement-breakpoint
CREATE INDEX "agreement_dispatch_agreement" ON "agreement_dispatch" USING btree ("agreement_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_file_position" ON "agreement_file" USING btree ("version_id","position");--> statement-breakpoint
CREATE INDEX "agreement_note_thread" ON "agreement_note" USING btree ("agreement_id","municipality_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_reminder_once" ON "agreement_reminder" USING btree ("agreement_id","slot","recipient_email");--> statement-breakpoint
CREATE INDEX "agreement_reminder_agreement" ON "agreement_reminder" USING btree ("agreement_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signature_current" ON "agreement_signature" USING btree ("agreement_id","municipality_code") WHERE "agreement_signature"."superseded_at" is null and "agreement_signature"."state" <> 'rejected';--> statement-breakpoint
CREATE INDEX "agreement_signature_municipality" ON "agreement_signature" USING btree ("municipality_code","agreement_id");--> statement-breakpoint
CREATE INDEX "agreement_solution_solution" ON "agreement_solution" USING btree ("solution_key");--> statement-breakpoint
CREATE INDEX "agreement_target_municipality" ON "agreement_target" USING btree ("municipality_code");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_version_number" ON "agreement_version" USING btree ("agreement_id","number");--> statement-breakpoint
ALTER TABLE "solution" ADD CONSTRAINT "solution_phase" CHECK ("solution"."phase" in ('udvikling','indfasning','drift','udfasning'));