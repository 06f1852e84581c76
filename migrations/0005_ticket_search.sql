-- Full-text search of what customers write: a ticket's description and each addition, one row
-- per piece. Contentless (the text stays in `tickets` and `ticket_events` only); the rowid says
-- whose piece it is: the ticket number shifted left 24 bits, plus 0 for the description or n
-- for its n-th addition, so a hit needs no lookup to name its ticket and stays sorted by number.
-- Both are append-only (never rewritten), so the triggers below only ever insert: each write
-- and its index row share the writer's transaction.
CREATE VIRTUAL TABLE `ticket_search` USING fts5(
	`text`,
	content = '',
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `ticket_search_description` AFTER INSERT ON `tickets` BEGIN
	INSERT INTO `ticket_search` (`rowid`, `text`) VALUES (NEW.`number` << 24, NEW.`description`);
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_search_addition` AFTER INSERT ON `ticket_events`
WHEN NEW.`kind` = 'information_added' BEGIN
	INSERT INTO `ticket_search` (`rowid`, `text`)
	SELECT (`tickets`.`number` << 24) + (
		SELECT count(*) FROM `ticket_events`
		WHERE `ticket_id` = NEW.`ticket_id` AND `kind` = 'information_added'
	), NEW.`text`
	FROM `tickets` WHERE `tickets`.`id` = NEW.`ticket_id`;
END;
--> statement-breakpoint
INSERT INTO `ticket_search` (`rowid`, `text`) SELECT `number` << 24, `description` FROM `tickets`;
--> statement-breakpoint
INSERT INTO `ticket_search` (`rowid`, `text`)
SELECT (`tickets`.`number` << 24) + row_number() OVER (
	PARTITION BY `ticket_events`.`ticket_id` ORDER BY `ticket_events`.`seq`
), `ticket_events`.`text`
FROM `ticket_events` JOIN `tickets` ON `tickets`.`id` = `ticket_events`.`ticket_id`
WHERE `ticket_events`.`kind` = 'information_added';
