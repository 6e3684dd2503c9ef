CREATE TABLE "aula_deletion_rule" (
	"rule_set_id" uuid NOT NULL,
	"category" text NOT NULL,
	"trigger" text NOT NULL,
	"period_months" integer NOT NULL,
	CONSTRAINT "aula_deletion_rule_rule_set_id_category_pk" PRIMARY KEY("rule_set_id","category"),
	CONSTRAINT "aula_deletion_rule_category" CHECK ("category" in ('dagsordener','handleplaner','indstillinger','magtanvendelsesskemaer','observationer','paedagogiske-noter','referater','rive-kradseskema','oevrige-noter')),
	CONSTRAINT "aula_deletion_rule_trigger" CHECK ("aula_deletion_rule"."trigger" in ('barnet_fratraeder','oprettet','sidst_aendret')),
	CONSTRAINT "aula_deletion_rule_period" CHECK ("aula_deletion_rule"."period_months" between 1 and 600)
);
--> statement-breakpoint
CREATE TABLE "aula_institution" (
	"municipality_code" char(4) NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "aula_institution_municipality_code_number_pk" PRIMARY KEY("municipality_code","number")
);
--> statement-breakpoint
CREATE TABLE "aula_municipality" (
	"municipality_code" char(4) PRIMARY KEY NOT NULL,
	"esdh_system" text,
	"esdh_other" text,
	"vendor_in_test" boolean,
	"integration_state" text DEFAULT 'ikke_startet' NOT NULL,
	"archive_kind" text,
	"archive_name" text,
	"archive_planned_on" date,
	"archive_state" text DEFAULT 'ikke_planlagt' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "aula_municipality_esdh" CHECK ("aula_municipality"."esdh_system" is null or "aula_municipality"."esdh_system" in ('sbsys','acadre','edoc','andet')),
	CONSTRAINT "aula_municipality_esdh_other" CHECK (("aula_municipality"."esdh_system" = 'andet') = ("aula_municipality"."esdh_other" is not null)),
	CONSTRAINT "aula_municipality_integration" CHECK ("aula_municipality"."integration_state" in ('ikke_startet','leverandoer_kontaktet','i_test','i_drift')),
	CONSTRAINT "aula_municipality_archive" CHECK ("aula_municipality"."archive_kind" is null or "aula_municipality"."archive_kind" in ('rigsarkivet','paragraf7')),
	CONSTRAINT "aula_municipality_archive_name" CHECK ("aula_municipality"."archive_kind" is distinct from 'paragraf7' or "aula_municipality"."archive_name" is not null),
	CONSTRAINT "aula_municipality_archive_state" CHECK ("aula_municipality"."archive_state" in ('ikke_planlagt','planlagt','i_gang','afleveret'))
);
--> statement-breakpoint
CREATE TABLE "aula_readiness_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"item" text NOT NULL,
	"done" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"rule_set_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid,
	CONSTRAINT "aula_readiness_event_item" CHECK ("aula_readiness_event"."item" in ('integration_i_drift','filer_journaliseret','klar_til_sletteregler'))
);
--> statement-breakpoint
CREATE TABLE "aula_relevant_category" (
	"municipality_code" char(4) NOT NULL,
	"category" text NOT NULL,
	"relevant" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "aula_relevant_category_municipality_code_category_pk" PRIMARY KEY("municipality_code","category"),
	CONSTRAINT "aula_relevant_category_category" CHECK ("category" in ('dagsordener','handleplaner','indstillinger','magtanvendelsesskemaer','observationer','paedagogiske-noter','referater','rive-kradseskema','oevrige-noter'))
);
--> statement-breakpoint
CREATE TABLE "aula_rule_set" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"activation_date" date NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "aula_secure_file" (
	"municipality_code" char(4) NOT NULL,
	"file_id" text NOT NULL,
	"institution_number" text NOT NULL,
	"category" text NOT NULL,
	"created_on" date NOT NULL,
	"trigger_on" date,
	"journalised" boolean DEFAULT false NOT NULL,
	"esdh_reference" text,
	CONSTRAINT "aula_secure_file_municipality_code_file_id_pk" PRIMARY KEY("municipality_code","file_id"),
	CONSTRAINT "aula_secure_file_category" CHECK ("category" in ('dagsordener','handleplaner','indstillinger','magtanvendelsesskemaer','observationer','paedagogiske-noter','referater','rive-kradseskema','oevrige-noter'))
);
--> statement-breakpoint
ALTER TABLE "aula_deletion_rule" ADD CONSTRAINT "aula_deletion_rule_rule_set_id_aula_rule_set_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."aula_rule_set"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aula_institution" ADD CONSTRAINT "aula_institution_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aula_municipality" ADD CONSTRAINT "aula_municipality_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aula_municipality" ADD CONSTRAINT "aula_municipality_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aula_readiness_event" ADD CONSTRAINT "aula_readiness_event_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aula_readiness_event" ADD CONSTRAINT "aula_readiness_event_rule_set_id_aula_rule_set_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."aula_rule_set"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aula_readiness_event" ADD CONSTRAINT "aula_readiness_event_by_user_account_id_fk" FOREIGN KEY ("by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aula_relevant_category" ADD CONSTRAINT "aula_relevant_category_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aula_relevant_category" ADD CONSTRAINT "aula_relevant_category_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aula_rule_set" ADD CONSTRAINT "aula_rule_set_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aula_rule_set" ADD CONSTRAINT "aula_rule_set_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "aula_readiness_event_latest" ON "aula_readiness_event" USING btree ("municipality_code","item","at");--> statement-breakpoint
CREATE UNIQUE INDEX "aula_rule_set_activation" ON "aula_rule_set" USING btree ("activation_date");