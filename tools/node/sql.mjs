// Parses SQL statements with dt-sql-parser's ANTLR grammars (Trino, Spark SQL): the tests' syntax check of the
// SQL the platform generates. Input on stdin: [{"name", "dialect": "trino"|"spark", "sql"}]; output on stdout:
// [{"name", "errors": ["line:column message", ...]}], in input order.
import { register } from 'node:module';
import { readFileSync } from 'node:fs';

register('./resolve-hook.mjs', import.meta.url);
const { TrinoSQL, SparkSQL } = await import('dt-sql-parser');
const parsers = { trino: new TrinoSQL(), spark: new SparkSQL() };
const input = JSON.parse(readFileSync(0, 'utf8'));
const output = input.map(({ name, dialect, sql }) => {
  const parser = parsers[dialect];
  if (!parser) return { name, errors: [`unknown dialect '${dialect}'`] };
  return { name, errors: parser.validate(sql).map(e => `${e.startLine}:${e.startColumn} ${e.message}`) };
});
process.stdout.write(JSON.stringify(output));
