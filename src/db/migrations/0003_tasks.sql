CREATE TABLE "calendar_feed" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feed_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"solution_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "step_answer" (
	"step_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"task_id" uuid NOT NULL,
	"value" text,
	"file_id" uuid,
	"completed" boolean DEFAULT false NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "step_answer_step_id_municipality_code_pk" PRIMARY KEY("step_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"consequence" text DEFAULT '' NOT NULL,
	"project_id" uuid,
	"solution_key" text,
	"audience_role_key" text,
	"audience_solution_key" text,
	"audience_primary_only" boolean DEFAULT false NOT NULL,
	"critical" boolean DEFAULT false NOT NULL,
	"cross_cutting" boolean DEFAULT false NOT NULL,
	"optional" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"announce_at" timestamp with time zone,
	"publish_at" timestamp with time zone,
	"deadline" date NOT NULL,
	"reminder_offsets" jsonb,
	"next_reminder_at" timestamp with time zone,
	"local_municipality_code" char(4),
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "task_status" CHECK ("task"."status" in ('draft','announced','published','closed'))
);
--> statement-breakpoint
CREATE TABLE "task_deadline_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"from_deadline" date NOT NULL,
	"to_deadline" date NOT NULL,
	"reason" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"municipality_code" char(4),
	"purpose" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"from_central" boolean NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_reminder" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"slot" text NOT NULL,
	"recipient_email" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"manual" boolean DEFAULT false NOT NULL,
	"sent_by" uuid
);
--> statement-breakpoint
CREATE TABLE "task_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"answer_kind" text DEFAULT 'none' NOT NULL,
	"answer_label" text DEFAULT '' NOT NULL,
	"answer_pattern" text,
	"answer_hint" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_target" (
	"task_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"status" text DEFAULT 'ikke_startet' NOT NULL,
	"responsible_person_id" uuid,
	"executor_person_id" uuid,
	"not_relevant_reason" text,
	"solved_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	CONSTRAINT "task_target_task_id_municipality_code_pk" PRIMARY KEY("task_id","municipality_code"),
	CONSTRAINT "task_target_status" CHECK ("task_target"."status" in ('ikke_startet','i_gang','loest','ikke_relevant'))
);
--> statement-breakpoint
CREATE TABLE "pending_notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"digested_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_answer" ADD CONSTRAINT "step_answer_step_id_task_step_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."task_step"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_answer" ADD CONSTRAINT "step_answer_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_answer" ADD CONSTRAINT "step_answer_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_answer" ADD CONSTRAINT "step_answer_answered_by_user_account_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_audience_role_key_role_type_key_fk" FOREIGN KEY ("audience_role_key") REFERENCES "public"."role_type"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_audience_solution_key_solution_key_fk" FOREIGN KEY ("audience_solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_local_municipality_code_municipality_code_fk" FOREIGN KEY ("local_municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_deadline_change" ADD CONSTRAINT "task_deadline_change_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_deadline_change" ADD CONSTRAINT "task_deadline_change_changed_by_user_account_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_file" ADD CONSTRAINT "task_file_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_file" ADD CONSTRAINT "task_file_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_file" ADD CONSTRAINT "task_file_uploaded_by_user_account_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_message" ADD CONSTRAINT "task_message_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_message" ADD CONSTRAINT "task_message_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_message" ADD CONSTRAINT "task_message_author_user_id_user_account_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_reminder" ADD CONSTRAINT "task_reminder_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_reminder" ADD CONSTRAINT "task_reminder_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_reminder" ADD CONSTRAINT "task_reminder_sent_by_user_account_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_step" ADD CONSTRAINT "task_step_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_target" ADD CONSTRAINT "task_target_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_target" ADD CONSTRAINT "task_target_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_target" ADD CONSTRAINT "task_target_responsible_person_id_person_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_target" ADD CONSTRAINT "task_target_executor_person_id_person_id_fk" FOREIGN KEY ("executor_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_notification" ADD CONSTRAINT "pending_notification_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "step_answer_task" ON "step_answer" USING btree ("task_id","municipality_code");--> statement-breakpoint
CREATE UNIQUE INDEX "task_central_code" ON "task" USING btree ("code") WHERE "task"."local_municipality_code" is null;--> statement-breakpoint
CREATE INDEX "task_status_deadline" ON "task" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "task_next_reminder" ON "task" USING btree ("next_reminder_at");--> statement-breakpoint
CREATE INDEX "task_project" ON "task" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "task_local" ON "task" USING btree ("local_municipality_code");--> statement-breakpoint
CREATE INDEX "task_deadline_change_task" ON "task_deadline_change" USING btree ("task_id","changed_at");--> statement-breakpoint
CREATE INDEX "task_file_task" ON "task_file" USING btree ("task_id","municipality_code");--> statement-breakpoint
CREATE INDEX "task_message_thread" ON "task_message" USING btree ("task_id","municipality_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "task_reminder_once" ON "task_reminder" USING btree ("task_id","slot","recipient_email");--> statement-breakpoint
CREATE INDEX "task_reminder_task" ON "task_reminder" USING btree ("task_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "task_step_position" ON "task_step" USING btree ("task_id","position");--> statement-breakpoint
CREATE INDEX "task_target_municipality" ON "task_target" USING btree ("municipality_code","status");--> statement-breakpoint
CREATE INDEX "task_target_task_status" ON "task_target" USING btree ("task_id","status");--> statement-breakpoint
CREATE INDEX "pending_notification_open" ON "pending_notification" USING btree ("user_id") WHERE "pending_notification"."digested_at" is null;