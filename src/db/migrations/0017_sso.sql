CREATE TABLE "sso_identity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"person_id" uuid NOT NULL,
	"professional_uuid" text,
	"linked_via" text DEFAULT 'login' NOT NULL,
	"linked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "sso_identity_provider" CHECK ("sso_identity"."provider" in ('context-handler', 'mitid-erhverv')),
	CONSTRAINT "sso_identity_linked_via" CHECK ("sso_identity"."linked_via" in ('login', 'self', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "sso_once" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sso_once_kind_key_pk" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
CREATE TABLE "sso_privilege_mapping" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"privilege" text NOT NULL,
	"role_type_key" text NOT NULL,
	"solution_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "sso_unmapped_privilege" (
	"privilege" text NOT NULL,
	"scope_cvr" char(8) NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"times" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sso_unmapped_privilege_privilege_scope_cvr_pk" PRIMARY KEY("privilege","scope_cvr")
);
--> statement-breakpoint
DROP INDEX "user_account_email";--> statement-breakpoint
ALTER TABLE "municipality" ADD COLUMN "sso_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "method" text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "saml_name_id" text;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "saml_session_index" text;--> statement-breakpoint
ALTER TABLE "sso_identity" ADD CONSTRAINT "sso_identity_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_identity" ADD CONSTRAINT "sso_identity_linked_by_user_account_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_privilege_mapping" ADD CONSTRAINT "sso_privilege_mapping_role_type_key_role_type_key_fk" FOREIGN KEY ("role_type_key") REFERENCES "public"."role_type"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_privilege_mapping" ADD CONSTRAINT "sso_privilege_mapping_solution_key_solution_key_fk" FOREIGN KEY ("solution_key") REFERENCES "public"."solution"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_privilege_mapping" ADD CONSTRAINT "sso_privilege_mapping_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sso_identity_subject_person" ON "sso_identity" USING btree ("provider","subject","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sso_identity_person" ON "sso_identity" USING btree ("provider","person_id");--> statement-breakpoint
CREATE INDEX "sso_identity_professional_uuid" ON "sso_identity" USING btree ("professional_uuid") WHERE "sso_identity"."professional_uuid" is not null;--> statement-breakpoint
CREATE INDEX "sso_once_expires" ON "sso_once" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sso_privilege_mapping_privilege" ON "sso_privilege_mapping" USING btree ("privilege");--> statement-breakpoint
CREATE INDEX "session_saml_name_id" ON "session" USING btree ("saml_name_id") WHERE "session"."saml_name_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "user_account_email" ON "user_account" USING btree (lower("email")) WHERE not "user_account"."disabled" and "user_account"."password_hash" is not null;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_method" CHECK ("session"."method" in ('password', 'context-handler', 'mitid-erhverv'));--> statement-breakpoint
CREATE UNIQUE INDEX "sso_privilege_mapping_unique" ON "sso_privilege_mapping" ("privilege", "role_type_key", "solution_key") NULLS NOT DISTINCT;
