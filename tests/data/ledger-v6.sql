-- A ledger of schema version 6 (dun before 2026-12), units.tsv and ch.tsv
-- of tests/0102-dun-import-again.t loaded into it; made by sqlite3 .dump.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  rows INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  time TEXT NOT NULL
);
INSERT INTO imports VALUES(1,'units.tsv','b6a174e0a2a59394fe8af9b80a207f7d2c13a32037f588e390ccd8aa889aa729','unit',3,3,0,0,0,'2026-12-07T18:59:42Z');
INSERT INTO imports VALUES(2,'ch.tsv','1a3dcf259d8964a0d474a4d80cf87f4b3cca6ca4ba95931f4664c144664e3cb8','charge',3,3,0,0,0,'2026-12-07T18:59:42Z');
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  unit TEXT NOT NULL UNIQUE,
  estate TEXT, building TEXT, owner TEXT, phone TEXT, email TEXT,
  address TEXT,
  area INTEGER,
  occupancy TEXT CHECK (occupancy IN ('owner', 'tenant', 'vacant')),
  collector TEXT,
  dnc INTEGER NOT NULL DEFAULT 0 CHECK (dnc IN (0, 1)),
  import_id INTEGER REFERENCES imports(id)
);
INSERT INTO units VALUES(1,'1-0101',NULL,NULL,'张三','13800001234',NULL,NULL,NULL,NULL,NULL,0,1);
INSERT INTO units VALUES(2,'1-0102',NULL,NULL,'李四','13900005678',NULL,NULL,NULL,NULL,NULL,0,1);
INSERT INTO units VALUES(3,'1-0103',NULL,NULL,'王五',NULL,NULL,NULL,NULL,NULL,NULL,0,1);
CREATE TABLE adjustments (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  date INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount <> 0),
  fee TEXT, period INTEGER, reason TEXT,
  import_id INTEGER NOT NULL REFERENCES imports(id)
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  date INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('promise', 'dispute', 'resolved',
    'hardship', 'plan', 'contact', 'served', 'ack', 'dnc',
    'contact-ok')),
  due INTEGER, amount INTEGER, ref TEXT, note TEXT,
  import_id INTEGER NOT NULL REFERENCES imports(id)
);
CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  notice TEXT NOT NULL UNIQUE,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  stage TEXT NOT NULL,
  channel TEXT NOT NULL,
  episode INTEGER NOT NULL,
  date INTEGER NOT NULL,
  recipient TEXT, file TEXT, sha256 TEXT, reason TEXT,
  time TEXT NOT NULL
, receipt TEXT, class TEXT, status TEXT NOT NULL DEFAULT 'issued'
  CHECK (status IN ('pending', 'issued')));
CREATE TABLE revisions (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  old TEXT NOT NULL,
  new TEXT NOT NULL
);
CREATE TABLE reversals (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  date INTEGER NOT NULL,
  reason TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES imports(id)
);
CREATE TABLE IF NOT EXISTS "charges" (
  unit_id INTEGER NOT NULL REFERENCES units(id),
  fee TEXT NOT NULL,
  period INTEGER NOT NULL,
  bill TEXT NOT NULL DEFAULT '',
  due INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  import_id INTEGER NOT NULL REFERENCES imports(id),
  PRIMARY KEY (unit_id, fee, period, bill)
) WITHOUT ROWID;
INSERT INTO charges VALUES(1,'management',202610,'',20757,12050,2);
INSERT INTO charges VALUES(2,'management',202610,'',20757,9900,2);
INSERT INTO charges VALUES(3,'water',202610,'',20772,3000,2);
CREATE TABLE charge_details (
  unit_id INTEGER NOT NULL,
  fee TEXT NOT NULL,
  period INTEGER NOT NULL,
  bill TEXT NOT NULL,
  paid INTEGER NOT NULL DEFAULT 0 CHECK (paid >= 0),
  waived INTEGER NOT NULL DEFAULT 0 CHECK (waived >= 0),
  start INTEGER, until INTEGER,
  PRIMARY KEY (unit_id, fee, period, bill),
  FOREIGN KEY (unit_id, fee, period, bill)
    REFERENCES charges (unit_id, fee, period, bill)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS "payments" (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL,
  line TEXT NOT NULL DEFAULT '',
  unit_id INTEGER NOT NULL REFERENCES units(id),
  date INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  fee TEXT, period INTEGER, method TEXT,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  UNIQUE (ref, line)
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE notice_files (
  id INTEGER PRIMARY KEY,
  batch TEXT NOT NULL,
  dir TEXT NOT NULL,
  tmp TEXT NOT NULL,
  final TEXT NOT NULL,
  notice_id INTEGER REFERENCES notices(id),
  of TEXT
);
CREATE INDEX adjustments_by_unit ON adjustments (unit_id, date);
CREATE INDEX events_by_unit ON events (unit_id, date);
CREATE INDEX notices_by_unit ON notices (unit_id, date);
CREATE INDEX notices_by_stage ON notices (unit_id, stage, episode);
CREATE INDEX payments_by_unit ON payments (unit_id, date);
CREATE INDEX notice_files_by_batch ON notice_files (batch);
COMMIT;
PRAGMA user_version = 6;
