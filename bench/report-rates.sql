-- bench/report-rates.sql — the reference of bench/report.sh for
-- `dun-report -k rates`: per estate and billing period of the year, what
-- was billed, and what of it was paid by the period's last day (当期),
-- payments applied oldest due first (no late fees, no waivers).  A
-- charge's share of what the unit had paid by a day is the part of that
-- total past the charges due before it.  :asof is the day number, :year
-- the year.
WITH RECURSIVE m(p) AS (
  SELECT :year * 100 + 1
  UNION ALL
  SELECT p + 1 FROM m WHERE p < :year * 100 + 12
), ends AS (
  -- the last day of each period, or :asof, as a day number
  SELECT p, min(:asof, CAST(julianday(printf('%04d-%02d-01', p / 100,
    p % 100), '+1 month', '-1 day') - 2440587.5 AS INTEGER)) AS last
  FROM m
), c AS (
  SELECT unit_id, period, amount,
    sum(amount) OVER (PARTITION BY unit_id ORDER BY due,
      CASE fee WHEN 'management' THEN 0 WHEN 'water' THEN 1 ELSE 2 END
      ROWS UNBOUNDED PRECEDING) - amount AS before
  FROM charges
), mine AS (
  SELECT c.unit_id, c.period, c.amount, c.before, e.last
  FROM c JOIN ends e ON e.p = c.period
), paid AS (
  SELECT x.unit_id, x.period, x.amount,
    max(0, min(x.amount, coalesce((SELECT sum(amount) FROM payments p
      WHERE p.unit_id = x.unit_id AND p.date <= x.last), 0) - x.before))
      AS got
  FROM mine x
)
SELECT n.estate, printf('%04d-%02d', period / 100, period % 100),
  MONEY(sum(amount)), MONEY(sum(got)),
  CASE WHEN sum(amount) > 0 THEN printf('%d.%02d%%',
    (sum(got) * 20000 + sum(amount)) / (2 * sum(amount)) / 100,
    (sum(got) * 20000 + sum(amount)) / (2 * sum(amount)) % 100) ELSE '' END
FROM paid JOIN units n ON n.id = paid.unit_id
WHERE period <= :asofperiod
GROUP BY n.estate, period ORDER BY n.estate, period;
