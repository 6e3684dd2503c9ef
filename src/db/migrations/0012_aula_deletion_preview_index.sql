-- INCLUDE is hand-written (drizzle has no words for it): the preview counts by institution and journalised from the index alone.
CREATE INDEX "aula_secure_file_due" ON "aula_secure_file" USING btree ("municipality_code","category","trigger_on") INCLUDE ("journalised","institution_number");
