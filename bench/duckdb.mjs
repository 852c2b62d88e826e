// bench/duckdb.mjs — the window query of bench/age.sql in DuckDB.
//   node bench/duckdb.mjs charges.tsv payments.tsv query.sql out.tsv
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';

const [charges, payments, sqlfile, out] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const load = (table, file) => con.run(
  `CREATE TABLE ${table} AS SELECT * FROM read_csv('${file}', delim = '\t', ` +
  `header = true, all_varchar = true, quote = '', escape = '')`);
await load('charges', charges);
await load('payments', payments);
const result = await con.runAndReadAll(readFileSync(sqlfile, 'utf8'));
const lines = result.getRows().map((r) => r[0]);
writeFileSync(out, lines.length ? lines.join('\n') + '\n' : '');
