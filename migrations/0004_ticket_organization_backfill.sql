-- Tickets made before organizations were shared carry their requester's organization, so that
-- managers and colleagues see them like newer ones.
UPDATE `tickets` SET `organization` = (
	SELECT `organization` FROM `customers` WHERE `customers`.`id` = `tickets`.`customer_id`
) WHERE `organization` IS NULL;
