-- bench/age.sql — FIFO aging as one window query, the reference of
-- bench/age.sh for sqlite3 and DuckDB alike.  Tables charges (unit fee
-- period due amount) and payments (ref unit date amount ...) hold the
-- TSV files as text; :asof is replaced by the as-of date.
WITH paid AS (
  SELECT unit, sum(CAST(round(CAST(amount AS DOUBLE) * 100) AS BIGINT)) AS paid
  FROM payments WHERE date <= ':asof' GROUP BY unit
), c AS (
  SELECT unit, due, CAST(round(CAST(amount AS DOUBLE) * 100) AS BIGINT) AS amount,
    sum(CAST(round(CAST(amount AS DOUBLE) * 100) AS BIGINT)) OVER (
      PARTITION BY unit ORDER BY due ROWS UNBOUNDED PRECEDING) AS cum
  FROM charges
), u AS (
  SELECT c.unit, c.due,
    CASE WHEN c.cum - coalesce(p.paid, 0) <= 0 THEN 0
         WHEN c.cum - coalesce(p.paid, 0) >= c.amount THEN c.amount
         ELSE c.cum - coalesce(p.paid, 0) END AS unpaid,
    AGE_DAYS AS age
  FROM c LEFT JOIN paid p ON p.unit = c.unit
  WHERE c.due <= ':asof'
), g AS (
  SELECT unit, sum(unpaid) AS bal,
    sum(CASE WHEN age <= 30 THEN unpaid ELSE 0 END) AS b0,
    sum(CASE WHEN age > 30 AND age <= 90 THEN unpaid ELSE 0 END) AS b1,
    sum(CASE WHEN age > 90 AND age <= 180 THEN unpaid ELSE 0 END) AS b2,
    sum(CASE WHEN age > 180 AND age <= 365 THEN unpaid ELSE 0 END) AS b3,
    sum(CASE WHEN age > 365 AND age <= 730 THEN unpaid ELSE 0 END) AS b4,
    sum(CASE WHEN age > 730 THEN unpaid ELSE 0 END) AS b5
  FROM u GROUP BY unit
)
SELECT unit || chr(9) || MONEY(bal) || chr(9) || MONEY(b0) || chr(9) ||
  MONEY(b1) || chr(9) || MONEY(b2) || chr(9) || MONEY(b3) || chr(9) ||
  MONEY(b4) || chr(9) || MONEY(b5) AS line
FROM g WHERE bal > 0 ORDER BY unit;
