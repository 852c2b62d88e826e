-- bench/ledger-floor.sql — what dun-age -d reads, and nothing more: each
-- table a unit's history is read from, scanned once in unit order (the
-- units by name, the rest by unit id, as dun-age reads them: by the same
-- indexes, or the table itself where its key is the unit's), every column
-- dun-age uses read.  Each column's max() makes SQLite read it; printing
-- the 7.6 million rows of 100,000 units would cost sqlite3 more than the
-- reading.  Run by bench/ledger.sh.
SELECT count(*), max(id), max(estate), max(building), max(owner), max(phone),
    max(occupancy), max(collector), max(dnc)
  FROM units INDEXED BY sqlite_autoindex_units_1 WHERE unit >= '';
SELECT count(*), max(fee), max(period), max(due), max(amount), max(bill)
  FROM charges WHERE unit_id >= 0;
SELECT count(*), max(fee), max(period), max(bill), max(paid), max(waived),
    max(start), max(until)
  FROM charge_details WHERE unit_id >= 0;
SELECT count(*), max(date), max(amount), max(fee), max(period), max(ref)
  FROM payments INDEXED BY payments_by_unit WHERE unit_id >= 0;
SELECT count(*), max(date), max(amount), max(fee), max(period), max(ref)
  FROM adjustments INDEXED BY adjustments_by_unit WHERE unit_id >= 0;
SELECT count(*), max(ref) FROM reversals;
SELECT count(*), max(type), max(date), max(due), max(amount), max(ref)
  FROM events INDEXED BY events_by_unit WHERE unit_id >= 0;
SELECT count(*), max(notice), max(stage), max(date), max(episode),
    max(channel), max(class)
  FROM notices INDEXED BY notices_by_unit WHERE unit_id >= 0 AND
    status = 'issued';
