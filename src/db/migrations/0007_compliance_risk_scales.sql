CREATE TABLE "risk_matrix_cell" (
	"scale_key" text NOT NULL,
	"consequence" integer NOT NULL,
	"likelihood" integer NOT NULL,
	"level_key" text NOT NULL,
	CONSTRAINT "risk_matrix_cell_scale_key_consequence_likelihood_pk" PRIMARY KEY("scale_key","consequence","likelihood")
);
--> statement-breakpoint
CREATE TABLE "risk_scale" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_scale_consequence" (
	"scale_key" text NOT NULL,
	"value" integer NOT NULL,
	"label" text NOT NULL,
	"definition" text NOT NULL,
	CONSTRAINT "risk_scale_consequence_scale_key_value_pk" PRIMARY KEY("scale_key","value"),
	CONSTRAINT "risk_scale_consequence_value" CHECK ("risk_scale_consequence"."value" >= 1)
);
--> statement-breakpoint
CREATE TABLE "risk_scale_level" (
	"scale_key" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"rank" integer NOT NULL,
	"colour" text NOT NULL,
	CONSTRAINT "risk_scale_level_scale_key_key_pk" PRIMARY KEY("scale_key","key")
);
--> statement-breakpoint
CREATE TABLE "risk_scale_likelihood" (
	"scale_key" text NOT NULL,
	"value" integer NOT NULL,
	"label" text NOT NULL,
	"definition" text NOT NULL,
	CONSTRAINT "risk_scale_likelihood_scale_key_value_pk" PRIMARY KEY("scale_key","value"),
	CONSTRAINT "risk_scale_likelihood_value" CHECK ("risk_scale_likelihood"."value" >= 1)
);
--> statement-breakpoint
ALTER TABLE "risk_matrix_cell" ADD CONSTRAINT "risk_matrix_cell_scale_key_consequence_risk_scale_consequence_scale_key_value_fk" FOREIGN KEY ("scale_key","consequence") REFERENCES "public"."risk_scale_consequence"("scale_key","value") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_matrix_cell" ADD CONSTRAINT "risk_matrix_cell_scale_key_likelihood_risk_scale_likelihood_scale_key_value_fk" FOREIGN KEY ("scale_key","likelihood") REFERENCES "public"."risk_scale_likelihood"("scale_key","value") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_matrix_cell" ADD CONSTRAINT "risk_matrix_cell_scale_key_level_key_risk_scale_level_scale_key_key_fk" FOREIGN KEY ("scale_key","level_key") REFERENCES "public"."risk_scale_level"("scale_key","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_scale_consequence" ADD CONSTRAINT "risk_scale_consequence_scale_key_risk_scale_key_fk" FOREIGN KEY ("scale_key") REFERENCES "public"."risk_scale"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_scale_level" ADD CONSTRAINT "risk_scale_level_scale_key_risk_scale_key_fk" FOREIGN KEY ("scale_key") REFERENCES "public"."risk_scale"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_scale_likelihood" ADD CONSTRAINT "risk_scale_likelihood_scale_key_risk_scale_key_fk" FOREIGN KEY ("scale_key") REFERENCES "public"."risk_scale"("key") ON DELETE cascade ON UPDATE no action;