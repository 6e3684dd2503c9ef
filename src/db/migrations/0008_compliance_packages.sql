CREATE TABLE "compliance_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"package_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_access_kind" CHECK ("compliance_access"."kind" in ('view','download'))
);
--> statement-breakpoint
CREATE TABLE "compliance_activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"package_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"name" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"legal_basis_note" text DEFAULT '' NOT NULL,
	"recipients" text DEFAULT '' NOT NULL,
	"third_countries" text DEFAULT '' NOT NULL,
	"transfer_basis_key" text,
	"retention_key" text,
	"deletion" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_activity_data" (
	"activity_id" uuid NOT NULL,
	"data_key" text NOT NULL,
	CONSTRAINT "compliance_activity_data_activity_id_data_key_pk" PRIMARY KEY("activity_id","data_key")
);
--> statement-breakpoint
CREATE TABLE "compliance_activity_legal_basis" (
	"activity_id" uuid NOT NULL,
	"basis_key" text NOT NULL,
	CONSTRAINT "compliance_activity_legal_basis_activity_id_basis_key_pk" PRIMARY KEY("activity_id","basis_key")
);
--> statement-breakpoint
CREATE TABLE "compliance_activity_subject" (
	"activity_id" uuid NOT NULL,
	"subject_key" text NOT NULL,
	CONSTRAINT "compliance_activity_subject_activity_id_subject_key_pk" PRIMARY KEY("activity_id","subject_key")
);
--> statement-breakpoint
CREATE TABLE "compliance_choice" (
	"list" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"grp" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "compliance_choice_list_key_pk" PRIMARY KEY("list","key")
);
--> statement-breakpoint
CREATE TABLE "compliance_column_g" (
	"activity_id" uuid NOT NULL,
	"data_key" text NOT NULL,
	"subject_key" text NOT NULL,
	CONSTRAINT "compliance_column_g_activity_id_data_key_subject_key_pk" PRIMARY KEY("activity_id","data_key","subject_key")
);
--> statement-breakpoint
CREATE TABLE "compliance_package" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"solution_key" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"scale_key" text NOT NULL,
	"introduction" text DEFAULT '' NOT NULL,
	"principles" text DEFAULT '' NOT NULL,
	"security_measures" text DEFAULT '' NOT NULL,
	"copied_from_id" uuid,
	"published_content" jsonb,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_package_status" CHECK ("compliance_package"."status" in ('draft','published')),
	CONSTRAINT "compliance_package_year" CHECK ("compliance_package"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "compliance_package_right" (
	"package_id" uuid NOT NULL,
	"right_key" text NOT NULL,
	"handling" text NOT NULL,
	CONSTRAINT "compliance_package_right_package_id_right_key_pk" PRIMARY KEY("package_id","right_key")
);
--> statement-breakpoint
CREATE TABLE "compliance_package_supplier" (
	"package_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	CONSTRAINT "compliance_package_supplier_package_id_supplier_id_pk" PRIMARY KEY("package_id","supplier_id")
);
--> statement-breakpoint
CREATE TABLE "compliance_package_target" (
	"package_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_opened_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	CONSTRAINT "compliance_package_target_package_id_municipality_code_pk" PRIMARY KEY("package_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "compliance_response_measure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"deadline" date,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_risk" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"package_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"threat" text NOT NULL,
	"impact" text DEFAULT '' NOT NULL,
	"likelihood" integer NOT NULL,
	"consequence" integer NOT NULL,
	"existing_measures" text DEFAULT '' NOT NULL,
	"residual_likelihood" integer NOT NULL,
	"residual_consequence" integer NOT NULL,
	"treatment" text DEFAULT 'reduce' NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "compliance_risk_treatment" CHECK ("compliance_risk"."treatment" in ('reduce','accept','avoid','transfer')),
	CONSTRAINT "compliance_risk_values" CHECK (least("compliance_risk"."likelihood", "compliance_risk"."consequence", "compliance_risk"."residual_likelihood", "compliance_risk"."residual_consequence") >= 1)
);
--> statement-breakpoint
CREATE TABLE "compliance_risk_measure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"risk_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"deadline" date,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_risk_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"package_id" uuid NOT NULL,
	"risk_id" uuid NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"response" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"residual_likelihood" integer,
	"residual_consequence" integer,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_risk_response_kind" CHECK ("compliance_risk_response"."response" in ('accepted','own-measures','not-relevant'))
);
--> statement-breakpoint
CREATE TABLE "compliance_supplier" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"cvr" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"contract_party" text DEFAULT '' NOT NULL,
	"role" text DEFAULT 'processor' NOT NULL,
	"processing_activity" text DEFAULT '' NOT NULL,
	"locations" text DEFAULT '' NOT NULL,
	"transfer_basis_key" text,
	"parent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_supplier_role" CHECK ("compliance_supplier"."role" in ('processor','sub-processor')),
	CONSTRAINT "compliance_supplier_parent" CHECK ("compliance_supplier"."parent_id" is null or "compliance_supplier"."parent_id" <> "compliance_supplier"."id")
);
--> statement-breakpoint
ALTER TABLE "compliance_access" ADD CONSTRAINT "compliance_access_package_id_compliance_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."compliance_package"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_access" ADD CONSTRAINT "compliance_access_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_access" ADD CONSTRAINT "compliance_access_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_activity" ADD CONSTRAINT "compliance_activity_package_id_compliance_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."compliance_package"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_activity_data" ADD CONSTRAINT "compliance_activity_data_activity_id_compliance_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."compliance_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_activity_legal_basis" ADD CONSTRAINT "compliance_activity_legal_basis_activity_id_compliance_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."compliance_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_activity_subject" ADD CONSTRAINT "compliance_activity_subject_activity_id_compliance_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."compliance_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_column_g" ADD CONSTRAINT "compliance_column_g_activity_id_data_key_compliance_activity_data_activity_id_data_key_fk" FOREIGN KEY ("activity_id","data_key") REFERENCES "public"."compliance_activity_data"("activity_id","data_key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_column_g" ADD CONSTRAINT "compliance_column_g_activity_id_subject_key_compliance_activity_subject_activity_id_subject_key_fk" FOREIGN KEY ("activity_id","subject_key") REFERENCES "public"."compliance_activity_subject"("activity_id","subject_key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_package" ADD CONSTRAINT "compliance_package_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_package" ADD CONSTRAINT "compliance_package_scale_key_risk_scale_key_fk" FOREIGN KEY ("scale_key") REFERENCES "public"."risk_scale"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_package" ADD CONSTRAINT "compliance_package_published_by_user_account_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_package" ADD CONSTRAINT "compliance_package_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_package_right" ADD CONSTRAINT "compliance_package_right_package_id_compliance_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."compliance_package"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_package_supplier" ADD CONSTRAINT "compliance_package_supplier_package_id_compliance_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."compliance_package"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_package_supplier" ADD CONSTRAINT "compliance_package_supplier_supplier_id_compliance_supplier_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."compliance_supplier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_package_target" ADD CONSTRAINT "compliance_package_target_package_id_compliance_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."compliance_package"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_package_target" ADD CONSTRAINT "compliance_package_target_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_package_target" ADD CONSTRAINT "compliance_package_target_acknowledged_by_person_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_response_measure" ADD CONSTRAINT "compliance_response_measure_response_id_compliance_risk_response_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."compliance_risk_response"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_risk" ADD CONSTRAINT "compliance_risk_package_id_compliance_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."compliance_package"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_risk_measure" ADD CONSTRAINT "compliance_risk_measure_risk_id_compliance_risk_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."compliance_risk"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_risk_response" ADD CONSTRAINT "compliance_risk_response_package_id_compliance_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."compliance_package"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_risk_response" ADD CONSTRAINT "compliance_risk_response_risk_id_compliance_risk_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."compliance_risk"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_risk_response" ADD CONSTRAINT "compliance_risk_response_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_risk_response" ADD CONSTRAINT "compliance_risk_response_updated_by_person_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_supplier" ADD CONSTRAINT "compliance_supplier_parent_id_compliance_supplier_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."compliance_supplier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "compliance_access_package_municipality" ON "compliance_access" USING btree ("package_id","municipality_code","at");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_activity_ref" ON "compliance_activity" USING btree ("package_id","ref");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_package_solution_year" ON "compliance_package" USING btree ("solution_key","year");--> statement-breakpoint
CREATE INDEX "compliance_package_supplier_supplier" ON "compliance_package_supplier" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "compliance_package_target_municipality" ON "compliance_package_target" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "compliance_response_measure_response" ON "compliance_response_measure" USING btree ("response_id");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_risk_ref" ON "compliance_risk" USING btree ("package_id","ref");--> statement-breakpoint
CREATE INDEX "compliance_risk_measure_risk" ON "compliance_risk_measure" USING btree ("risk_id");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_risk_response_one" ON "compliance_risk_response" USING btree ("risk_id","municipality_code");--> statement-breakpoint
CREATE INDEX "compliance_risk_response_package" ON "compliance_risk_response" USING btree ("package_id","municipality_code");