-- bench/report-aging.sql — the reference of bench/report.sh for
-- `dun-report -k aging`: per estate, the units that owe, unpaid principal
-- by age bucket and the balance, payments applied oldest due first (no
-- late fees), from the ledger's own tables.  :asof is the day number.
WITH paid AS (
  SELECT unit_id, sum(amount) AS paid FROM payments
  WHERE date <= :asof GROUP BY unit_id
), c AS (
  SELECT unit_id, due, amount,
    sum(amount) OVER (PARTITION BY unit_id ORDER BY due,
      CASE fee WHEN 'management' THEN 0 WHEN 'water' THEN 1 ELSE 2 END
      ROWS UNBOUNDED PRECEDING) AS cum
  FROM charges
), u AS (
  SELECT c.unit_id, :asof - c.due AS age,
    max(0, min(c.amount, c.cum - coalesce(p.paid, 0))) AS unpaid
  FROM c LEFT JOIN paid p ON p.unit_id = c.unit_id
  WHERE c.due <= :asof
), g AS (
  SELECT unit_id, sum(unpaid) AS bal,
    sum(CASE WHEN age <= 30 THEN unpaid ELSE 0 END) AS b0,
    sum(CASE WHEN age > 30 AND age <= 90 THEN unpaid ELSE 0 END) AS b1,
    sum(CASE WHEN age > 90 AND age <= 180 THEN unpaid ELSE 0 END) AS b2,
    sum(CASE WHEN age > 180 AND age <= 365 THEN unpaid ELSE 0 END) AS b3,
    sum(CASE WHEN age > 365 AND age <= 730 THEN unpaid ELSE 0 END) AS b4,
    sum(CASE WHEN age > 730 THEN unpaid ELSE 0 END) AS b5
  FROM u GROUP BY unit_id
), e AS (
  SELECT n.estate, count(*) AS units, sum(b0) AS b0, sum(b1) AS b1,
    sum(b2) AS b2, sum(b3) AS b3, sum(b4) AS b4, sum(b5) AS b5,
    sum(bal) AS bal
  FROM g JOIN units n ON n.id = g.unit_id WHERE bal > 0 GROUP BY n.estate
)
SELECT estate, units, MONEY(b0), MONEY(b1), MONEY(b2), MONEY(b3), MONEY(b4),
  MONEY(b5), MONEY(bal)
FROM e ORDER BY estate;
