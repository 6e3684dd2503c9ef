-- Uniqueness rules that drizzle-kit cannot express (NULLS NOT DISTINCT on expressions/partials).
-- One active person per e-mail address in a municipality (central staff: municipality_code null).
CREATE UNIQUE INDEX "person_active_email" ON "person" ("municipality_code", lower("email")) NULLS NOT DISTINCT WHERE "active";
--> statement-breakpoint
-- The database itself guarantees at most one primary holder per role, solution and municipality.
CREATE UNIQUE INDEX "role_assignment_one_primary" ON "role_assignment" ("municipality_code", "role_type_key", "solution_key") NULLS NOT DISTINCT WHERE "is_primary" AND "removed_at" IS NULL;
--> statement-breakpoint
-- A double click never gives the same person the same role twice.
CREATE UNIQUE INDEX "role_assignment_no_duplicate" ON "role_assignment" ("person_id", "role_type_key", "solution_key") NULLS NOT DISTINCT WHERE "removed_at" IS NULL;
