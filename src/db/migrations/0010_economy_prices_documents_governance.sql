CREATE TABLE "cost_actual" (
	"year" integer NOT NULL,
	"solution_key" text NOT NULL,
	"actual_ore" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "cost_actual_year_solution_key_pk" PRIMARY KEY("year","solution_key"),
	CONSTRAINT "cost_actual_non_negative" CHECK ("cost_actual"."actual_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cost_budget" (
	"year" integer NOT NULL,
	"solution_key" text NOT NULL,
	"stage" text NOT NULL,
	"operation_ore" bigint DEFAULT 0 NOT NULL,
	"maintenance_ore" bigint DEFAULT 0 NOT NULL,
	"development_ore" bigint DEFAULT 0 NOT NULL,
	"pool_ore" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "cost_budget_year_solution_key_stage_pk" PRIMARY KEY("year","solution_key","stage"),
	CONSTRAINT "cost_budget_stage" CHECK ("cost_budget"."stage" in ('foreloebigt','samlet')),
	CONSTRAINT "cost_budget_non_negative" CHECK ("cost_budget"."operation_ore" >= 0 and "cost_budget"."maintenance_ore" >= 0 and "cost_budget"."development_ore" >= 0 and "cost_budget"."pool_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "council" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"area" text,
	"description" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "council_key_unique" UNIQUE("key"),
	CONSTRAINT "council_kind" CHECK ("council"."kind" in ('portefoeljeraad','fagraad')),
	CONSTRAINT "council_key_format" CHECK ("council"."key" ~ '^[a-z0-9-]{2,60}$')
);
--> statement-breakpoint
CREATE TABLE "council_meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"meeting_date" date NOT NULL,
	"title" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "council_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"seat" text NOT NULL,
	"name" text,
	"organisation" text DEFAULT '' NOT NULL,
	"municipality_code" char(4),
	"chair" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_document" (
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"total_ore" bigint NOT NULL,
	"content" jsonb NOT NULL,
	"first_opened_at" timestamp with time zone,
	CONSTRAINT "economy_document_year_kind_municipality_code_pk" PRIMARY KEY("year","kind","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "economy_publication" (
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	CONSTRAINT "economy_publication_year_kind_pk" PRIMARY KEY("year","kind"),
	CONSTRAINT "economy_publication_kind" CHECK ("economy_publication"."kind" in ('faktura','budgetvejledning','aarsopgoerelse'))
);
--> statement-breakpoint
CREATE TABLE "meeting_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uploaded_by" uuid,
	CONSTRAINT "meeting_file_kind" CHECK ("meeting_file"."kind" in ('dagsorden','referat','bilag'))
);
--> statement-breakpoint
CREATE TABLE "meeting_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"decision" text
);
--> statement-breakpoint
CREATE TABLE "pool_proposal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "pool_proposal_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"estimated_cost_ore" bigint NOT NULL,
	"municipality_code" char(4),
	"proposed_by" uuid,
	"status" text DEFAULT 'modtaget' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pool_proposal_status" CHECK ("pool_proposal"."status" in ('modtaget','behandlet_fagraad','indstillet','prioriteret','afvist')),
	CONSTRAINT "pool_proposal_cost_non_negative" CHECK ("pool_proposal"."estimated_cost_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pool_proposal_solution" (
	"proposal_id" uuid NOT NULL,
	"solution_key" text NOT NULL,
	CONSTRAINT "pool_proposal_solution_proposal_id_solution_key_pk" PRIMARY KEY("proposal_id","solution_key")
);
--> statement-breakpoint
CREATE TABLE "pool_proposal_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"status" text NOT NULL,
	"meeting_id" uuid,
	"decision" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	CONSTRAINT "pool_proposal_step_status" CHECK ("pool_proposal_step"."status" in ('modtaget','behandlet_fagraad','indstillet','prioriteret','afvist'))
);
--> statement-breakpoint
CREATE TABLE "price_model" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"solution_key" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"rate_ore" bigint,
	"amount_ore" bigint,
	"kink_threshold" integer,
	"kink_reduced_percent" integer,
	"usage_unit" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "price_model_kind" CHECK ("price_model"."kind" in ('per_citizen','per_citizen_kink','fixed','distributed','usage')),
	CONSTRAINT "price_model_amounts_non_negative" CHECK (coalesce("price_model"."rate_ore", 0) >= 0 and coalesce("price_model"."amount_ore", 0) >= 0),
	CONSTRAINT "price_model_kink_pair" CHECK (("price_model"."kink_threshold" is null) = ("price_model"."kink_reduced_percent" is null)),
	CONSTRAINT "price_model_kink_range" CHECK ("price_model"."kink_threshold" is null or ("price_model"."kink_threshold" >= 0 and "price_model"."kink_reduced_percent" between 0 and 100)),
	CONSTRAINT "price_model_fields_for_kind" CHECK (case "price_model"."kind"
        when 'per_citizen' then "price_model"."rate_ore" is not null and "price_model"."kink_threshold" is null
        when 'per_citizen_kink' then "price_model"."rate_ore" is not null and "price_model"."kink_threshold" is not null
        when 'fixed' then "price_model"."amount_ore" is not null
        when 'distributed' then "price_model"."amount_ore" is not null
        when 'usage' then "price_model"."usage_unit" is not null
        else false end)
);
--> statement-breakpoint
CREATE TABLE "price_unit_price" (
	"price_model_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"unit_price_ore" bigint NOT NULL,
	CONSTRAINT "price_unit_price_price_model_id_position_pk" PRIMARY KEY("price_model_id","position"),
	CONSTRAINT "price_unit_price_non_negative" CHECK ("price_unit_price"."unit_price_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "price_usage" (
	"price_model_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "price_usage_price_model_id_municipality_code_pk" PRIMARY KEY("price_model_id","municipality_code"),
	CONSTRAINT "price_usage_non_negative" CHECK ("price_usage"."quantity" >= 0)
);
--> statement-breakpoint
ALTER TABLE "cost_actual" ADD CONSTRAINT "cost_actual_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_actual" ADD CONSTRAINT "cost_actual_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_budget" ADD CONSTRAINT "cost_budget_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_budget" ADD CONSTRAINT "cost_budget_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meeting" ADD CONSTRAINT "council_meeting_council_id_council_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."council"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meeting" ADD CONSTRAINT "council_meeting_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_member" ADD CONSTRAINT "council_member_council_id_council_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."council"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_member" ADD CONSTRAINT "council_member_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_document" ADD CONSTRAINT "economy_document_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_document" ADD CONSTRAINT "economy_document_year_kind_economy_publication_year_kind_fk" FOREIGN KEY ("year","kind") REFERENCES "public"."economy_publication"("year","kind") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_publication" ADD CONSTRAINT "economy_publication_published_by_user_account_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_file" ADD CONSTRAINT "meeting_file_meeting_id_council_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_file" ADD CONSTRAINT "meeting_file_uploaded_by_user_account_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_item" ADD CONSTRAINT "meeting_item_meeting_id_council_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_proposal" ADD CONSTRAINT "pool_proposal_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_proposal" ADD CONSTRAINT "pool_proposal_proposed_by_user_account_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_proposal_solution" ADD CONSTRAINT "pool_proposal_solution_proposal_id_pool_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."pool_proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_proposal_solution" ADD CONSTRAINT "pool_proposal_solution_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_proposal_step" ADD CONSTRAINT "pool_proposal_step_proposal_id_pool_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."pool_proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_proposal_step" ADD CONSTRAINT "pool_proposal_step_meeting_id_council_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_proposal_step" ADD CONSTRAINT "pool_proposal_step_decided_by_user_account_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_model" ADD CONSTRAINT "price_model_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_model" ADD CONSTRAINT "price_model_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_unit_price" ADD CONSTRAINT "price_unit_price_price_model_id_price_model_id_fk" FOREIGN KEY ("price_model_id") REFERENCES "public"."price_model"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_usage" ADD CONSTRAINT "price_usage_price_model_id_price_model_id_fk" FOREIGN KEY ("price_model_id") REFERENCES "public"."price_model"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_usage" ADD CONSTRAINT "price_usage_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "council_meeting_council_date" ON "council_meeting" USING btree ("council_id","meeting_date");--> statement-breakpoint
CREATE INDEX "council_meeting_date" ON "council_meeting" USING btree ("meeting_date");--> statement-breakpoint
CREATE INDEX "council_member_council" ON "council_member" USING btree ("council_id");--> statement-breakpoint
CREATE INDEX "economy_document_municipality" ON "economy_document" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "meeting_file_meeting" ON "meeting_file" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_file_same_content" ON "meeting_file" USING btree ("meeting_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_item_position" ON "meeting_item" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_proposal_number" ON "pool_proposal" USING btree ("number");--> statement-breakpoint
CREATE INDEX "pool_proposal_year_status" ON "pool_proposal" USING btree ("year","status");--> statement-breakpoint
CREATE INDEX "pool_proposal_municipality" ON "pool_proposal" USING btree ("municipality_code");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_proposal_step_once" ON "pool_proposal_step" USING btree ("proposal_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "price_model_year_solution_label" ON "price_model" USING btree ("year","solution_key","label");--> statement-breakpoint
CREATE INDEX "price_model_year" ON "price_model" USING btree ("year");