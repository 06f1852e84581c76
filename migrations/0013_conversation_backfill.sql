-- Older tickets get what new ones get on write: a title (the description's first line, cut at a
-- word to 80 characters: the rule of contract/ticket-title.ts, written in SQL), a first-response
-- due date from the default hours per urgency (critical 2, high 8, medium 24, low 72), and when
-- the desk first answered (its first public comment or solution).
-- `rtrim(head, replace(head, ' ', ''))` keeps `head` up to its last space.
UPDATE `tickets` SET `title` = (
	SELECT CASE
		WHEN length(`line`) <= 80 THEN `line`
		ELSE coalesce(
			nullif(rtrim(rtrim(substr(`line`, 1, 81), replace(substr(`line`, 1, 81), ' ', '')), ' '), ''),
			substr(`line`, 1, 80)
		) || '…'
	END
	FROM (
		SELECT trim(substr(`text`, 1, instr(`text` || char(10), char(10)) - 1), ' ') AS `line`
		FROM (SELECT replace(`tickets`.`description`, char(13), '') AS `text`)
	)
);
--> statement-breakpoint
UPDATE `tickets` SET `first_response_due_at` = `created_at` + 3600000 * (
	CASE `urgency` WHEN 'critical' THEN 2 WHEN 'high' THEN 8 WHEN 'medium' THEN 24 ELSE 72 END
) WHERE `first_response_due_at` IS NULL;
--> statement-breakpoint
UPDATE `tickets` SET `first_responded_at` = (
	SELECT min(`created_at`) FROM `ticket_events`
	WHERE `ticket_events`.`ticket_id` = `tickets`.`id` AND `actor_type` = 'desk'
		AND `kind` IN ('public_comment', 'solution_proposed')
) WHERE `first_responded_at` IS NULL;
