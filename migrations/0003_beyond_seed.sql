CREATE TABLE `ticket_colleagues` (
	`ticket_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`added_by` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`ticket_id`, `customer_id`),
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_colleagues_customer_idx` ON `ticket_colleagues` (`customer_id`,`ticket_id`);--> statement-breakpoint
CREATE TABLE `ticket_ratings` (
	`ticket_id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_ratings_updated_idx` ON `ticket_ratings` (`updated_at`,`ticket_id`);--> statement-breakpoint
ALTER TABLE `categories` ADD `help` text;--> statement-breakpoint
ALTER TABLE `categories` ADD `keywords` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `organization_manager` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `organization` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `follow_up_of` integer;--> statement-breakpoint
CREATE INDEX `tickets_organization_status_idx` ON `tickets` (`organization`,`status`,`number`);--> statement-breakpoint
CREATE INDEX `tickets_follow_up_idx` ON `tickets` (`follow_up_of`);