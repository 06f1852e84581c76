CREATE TABLE `used_partner_tokens` (
	`key` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `used_partner_tokens_expires_idx` ON `used_partner_tokens` (`expires_at`);