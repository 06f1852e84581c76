CREATE TABLE `idempotent_requests` (
	`customer_id` text NOT NULL,
	`key` text NOT NULL,
	`status` integer,
	`body` text,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotent_requests_expires_idx` ON `idempotent_requests` (`expires_at`);