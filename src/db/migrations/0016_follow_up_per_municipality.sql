DROP INDEX "meeting_follow_up_municipality";--> statement-breakpoint
ALTER TABLE "meeting_follow_up" DROP CONSTRAINT "meeting_follow_up_meeting_id_person_id_pk";--> statement-breakpoint
ALTER TABLE "meeting_follow_up" ADD CONSTRAINT "meeting_follow_up_meeting_id_municipality_code_person_id_pk" PRIMARY KEY("meeting_id","municipality_code","person_id");