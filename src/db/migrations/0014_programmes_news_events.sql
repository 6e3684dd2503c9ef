CREATE TABLE "programme_figure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"target" double precision,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_figure_point" (
	"figure_id" uuid NOT NULL,
	"point_on" date NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "programme_figure_point_figure_id_point_on_pk" PRIMARY KEY("figure_id","point_on")
);
--> statement-breakpoint
CREATE TABLE "programme_status" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"status" text NOT NULL,
	"status_on" date NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "programme_status_value" CHECK ("programme_status"."status" in ('groen','gul','roed'))
);
--> statement-breakpoint
CREATE TABLE "event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"participants" text DEFAULT '' NOT NULL,
	"link" text,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "news_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"contact_person_id" uuid,
	"publish_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "news_item_programme" (
	"news_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	CONSTRAINT "news_item_programme_news_id_project_id_pk" PRIMARY KEY("news_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "news_item_solution" (
	"news_id" uuid NOT NULL,
	"solution_key" text NOT NULL,
	CONSTRAINT "news_item_solution_news_id_solution_key_pk" PRIMARY KEY("news_id","solution_key")
);
--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "responsible_person_id" uuid;--> statement-breakpoint
ALTER TABLE "project_milestone" ADD COLUMN "state" text DEFAULT 'planlagt' NOT NULL;--> statement-breakpoint
ALTER TABLE "project_milestone" ADD COLUMN "original_on" date;--> statement-breakpoint
ALTER TABLE "programme_figure" ADD CONSTRAINT "programme_figure_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_figure_point" ADD CONSTRAINT "programme_figure_point_figure_id_programme_figure_id_fk" FOREIGN KEY ("figure_id") REFERENCES "public"."programme_figure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_status" ADD CONSTRAINT "programme_status_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_status" ADD CONSTRAINT "programme_status_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_item" ADD CONSTRAINT "news_item_contact_person_id_person_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_item" ADD CONSTRAINT "news_item_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_item_programme" ADD CONSTRAINT "news_item_programme_news_id_news_item_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_item_programme" ADD CONSTRAINT "news_item_programme_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_item_solution" ADD CONSTRAINT "news_item_solution_news_id_news_item_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_item_solution" ADD CONSTRAINT "news_item_solution_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "programme_figure_name" ON "programme_figure" USING btree ("project_id","name");--> statement-breakpoint
CREATE INDEX "programme_status_project" ON "programme_status" USING btree ("project_id","status_on","created_at");--> statement-breakpoint
CREATE INDEX "event_starts" ON "event" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "news_item_publish" ON "news_item" USING btree ("publish_on");--> statement-breakpoint
CREATE INDEX "news_item_programme_project" ON "news_item_programme" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "news_item_solution_key" ON "news_item_solution" USING btree ("solution_key");--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_responsible_person_id_person_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestone" ADD CONSTRAINT "project_milestone_state" CHECK ("project_milestone"."state" in ('planlagt','naaet','flyttet'));