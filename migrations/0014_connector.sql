CREATE TABLE `connector_deliveries` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`kind` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connector_deliveries_event_id_unique` ON `connector_deliveries` (`event_id`);--> statement-breakpoint
CREATE INDEX `connector_deliveries_due_idx` ON `connector_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `connector_deliveries_ticket_idx` ON `connector_deliveries` (`ticket_id`,`status`,`seq`);--> statement-breakpoint
CREATE TABLE `connector_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `connector_tickets` (
	`ticket_id` text PRIMARY KEY NOT NULL,
	`external_id` text,
	`last_change` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connector_tickets_external_id_unique` ON `connector_tickets` (`external_id`);