CREATE TABLE "economy_year_setting" (
	"year" integer PRIMARY KEY NOT NULL,
	"population_period" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "population" (
	"municipality_code" char(4) NOT NULL,
	"period" text NOT NULL,
	"population" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid,
	CONSTRAINT "population_municipality_code_period_pk" PRIMARY KEY("municipality_code","period"),
	CONSTRAINT "population_period_format" CHECK ("population"."period" ~ '^[0-9]{4}K[1-4]$'),
	CONSTRAINT "population_non_negative" CHECK ("population"."population" >= 0)
);
--> statement-breakpoint
ALTER TABLE "population" ADD CONSTRAINT "population_municipality_code_municipality_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipality"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population" ADD CONSTRAINT "population_imported_by_user_account_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;