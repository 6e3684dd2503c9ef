CREATE TABLE "meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"online_link" text,
	"practical_info" text DEFAULT '' NOT NULL,
	"recording_link" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_ends_after_start" CHECK ("meeting"."ends_at" > "meeting"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "meeting_agenda_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"minutes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_agenda_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"news_id" uuid,
	"project_id" uuid,
	"task_id" uuid,
	"agreement_id" uuid,
	CONSTRAINT "meeting_agenda_link_one" CHECK (num_nonnulls("meeting_agenda_link"."news_id", "meeting_agenda_link"."project_id", "meeting_agenda_link"."task_id", "meeting_agenda_link"."agreement_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "meeting_agenda_presenter" (
	"agenda_item_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "meeting_agenda_presenter_agenda_item_id_person_id_pk" PRIMARY KEY("agenda_item_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_attendee" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"person_id" uuid,
	"name" text NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"registered_by" uuid
);
--> statement-breakpoint
CREATE TABLE "meeting_follow_up" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"email" text NOT NULL,
	"subject" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_by" uuid,
	CONSTRAINT "meeting_follow_up_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_input" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"meeting_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"agenda_item_id" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	CONSTRAINT "meeting_input_kind" CHECK ("meeting_input"."kind" in ('emne','spoergsmaal'))
);
--> statement-breakpoint
CREATE TABLE "meeting_material" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operations_incident" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"solution_key" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"severity" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "operations_incident_severity" CHECK ("operations_incident"."severity" in ('kritisk','alvorlig','mindre'))
);
--> statement-breakpoint
CREATE TABLE "operations_measure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"solution_key" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner" text NOT NULL,
	"state" text DEFAULT 'planlagt' NOT NULL,
	"end_month" date,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operations_measure_state" CHECK ("operations_measure"."state" in ('planlagt','i_gang','gennemfoert')),
	CONSTRAINT "operations_measure_end_month_first" CHECK ("operations_measure"."end_month" is null or extract(day from "operations_measure"."end_month") = 1)
);
--> statement-breakpoint
CREATE TABLE "operations_rca_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid,
	"solution_key" text,
	"title" text NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'aaben' NOT NULL,
	"due_on" date,
	"closed_on" date,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operations_rca_state" CHECK ("operations_rca_item"."state" in ('aaben','i_gang','lukket')),
	CONSTRAINT "operations_rca_closed" CHECK (("operations_rca_item"."state" = 'lukket') = ("operations_rca_item"."closed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "operations_sla" (
	"solution_key" text NOT NULL,
	"month" date NOT NULL,
	"measure" text DEFAULT 'Oppetid' NOT NULL,
	"unit" text DEFAULT '%' NOT NULL,
	"target" double precision NOT NULL,
	"achieved" double precision,
	"higher_is_better" boolean DEFAULT true NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operations_sla_solution_key_month_measure_pk" PRIMARY KEY("solution_key","month","measure"),
	CONSTRAINT "operations_sla_month_first" CHECK (extract(day from "operations_sla"."month") = 1)
);
--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_item" ADD CONSTRAINT "meeting_agenda_item_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_link" ADD CONSTRAINT "meeting_agenda_link_agenda_item_id_meeting_agenda_item_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."meeting_agenda_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_link" ADD CONSTRAINT "meeting_agenda_link_news_id_news_item_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_link" ADD CONSTRAINT "meeting_agenda_link_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_link" ADD CONSTRAINT "meeting_agenda_link_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_link" ADD CONSTRAINT "meeting_agenda_link_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_presenter" ADD CONSTRAINT "meeting_agenda_presenter_agenda_item_id_meeting_agenda_item_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."meeting_agenda_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_presenter" ADD CONSTRAINT "meeting_agenda_presenter_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendee" ADD CONSTRAINT "meeting_attendee_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendee" ADD CONSTRAINT "meeting_attendee_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendee" ADD CONSTRAINT "meeting_attendee_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendee" ADD CONSTRAINT "meeting_attendee_registered_by_user_account_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_follow_up" ADD CONSTRAINT "meeting_follow_up_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_follow_up" ADD CONSTRAINT "meeting_follow_up_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_follow_up" ADD CONSTRAINT "meeting_follow_up_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_follow_up" ADD CONSTRAINT "meeting_follow_up_sent_by_user_account_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_input" ADD CONSTRAINT "meeting_input_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_input" ADD CONSTRAINT "meeting_input_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_input" ADD CONSTRAINT "meeting_input_agenda_item_id_meeting_agenda_item_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."meeting_agenda_item"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_input" ADD CONSTRAINT "meeting_input_submitted_by_user_account_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_material" ADD CONSTRAINT "meeting_material_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_material" ADD CONSTRAINT "meeting_material_uploaded_by_user_account_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations_incident" ADD CONSTRAINT "operations_incident_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations_incident" ADD CONSTRAINT "operations_incident_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations_measure" ADD CONSTRAINT "operations_measure_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations_rca_item" ADD CONSTRAINT "operations_rca_item_incident_id_operations_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."operations_incident"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations_rca_item" ADD CONSTRAINT "operations_rca_item_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations_sla" ADD CONSTRAINT "operations_sla_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_starts" ON "meeting" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "meeting_agenda_item_meeting" ON "meeting_agenda_item" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_agenda_link_item" ON "meeting_agenda_link" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_agenda_link_unique" ON "meeting_agenda_link" USING btree ("agenda_item_id",coalesce("news_id", "project_id", "task_id", "agreement_id"));--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendee_unique" ON "meeting_attendee" USING btree ("meeting_id","municipality_code",lower("name"));--> statement-breakpoint
CREATE INDEX "meeting_follow_up_municipality" ON "meeting_follow_up" USING btree ("meeting_id","municipality_code");--> statement-breakpoint
CREATE INDEX "meeting_input_meeting" ON "meeting_input" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_input_municipality" ON "meeting_input" USING btree ("municipality_code","submitted_at");--> statement-breakpoint
CREATE INDEX "meeting_material_meeting" ON "meeting_material" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "operations_incident_started" ON "operations_incident" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "operations_rca_item_state" ON "operations_rca_item" USING btree ("state");