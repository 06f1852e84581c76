DROP INDEX `tickets_follow_up_idx`;--> statement-breakpoint
CREATE INDEX `tickets_follow_up_idx` ON `tickets` (`follow_up_of`,`number`) WHERE "tickets"."follow_up_of" is not null;