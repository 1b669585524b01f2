-- 0008: an agreed decision dropped afterwards ("they decided not to do it
-- after all") moves no money: the ledger's agreed amounts leave it out,
-- as the pages and reports say.
DROP VIEW ledger;
CREATE VIEW ledger AS
SELECT k.workshop_id AS workshop_id, m.area_id AS area_id,
    k.model_id AS model_id, k.resource_id AS resource_id,
    y.now AS now, y.expected AS expected, y.expected_year AS expected_year,
    ifnull((SELECT sum(x.delta) FROM decision_change x JOIN decision d
	ON d.id = x.decision_id WHERE d.workshop_id = k.workshop_id AND
	d.state = 'agreed' AND d.status IS NOT 'dropped' AND
	x.model_id = k.model_id AND x.resource_id = k.resource_id), 0)
	AS agreed
FROM (SELECT workshop_id, model_id, resource_id FROM money
      UNION
      SELECT d.workshop_id, x.model_id, x.resource_id FROM decision_change x
	JOIN decision d ON d.id = x.decision_id) k
JOIN model m ON m.id = k.model_id
LEFT JOIN (SELECT workshop_id, model_id, resource_id, sum(now) AS now,
	sum(expected) AS expected, max(expected_year) AS expected_year
	FROM money GROUP BY workshop_id, model_id, resource_id) y
    ON y.workshop_id = k.workshop_id AND y.model_id = k.model_id AND
	y.resource_id = k.resource_id;
