DROP INDEX "user_account_email";--> statement-breakpoint
CREATE UNIQUE INDEX "user_account_email" ON "user_account" USING btree (lower("email")) WHERE not "user_account"."disabled";