// Reads an Arrow IPC file with Arrow JS and prints, as one JSON document, what it saw: row count,
// columns and their types, and every value of the chosen rows.
//
//   node read-export.mjs export.arrow [row ...]      (rows default to the first ten)
//
// 64-bit integers are printed as strings, so that no reader's JSON loses digits; Arrow JS's
// timestamps as the microseconds the file holds (its get() gives rounded milliseconds).
import { readFileSync } from 'node:fs';
import { DataType, tableFromIPC } from 'apache-arrow';

const [file, ...rowArgs] = process.argv.slice(2);
if (!file) {
  console.error('usage: node read-export.mjs <file.arrow> [row ...]');
  process.exit(2);
}

function readWithArrowJs(bytes) {
  const table = tableFromIPC(bytes);
  const rows = chosenRows(table.numRows);
  return {
    rows: table.numRows,
    batches: table.batches.length,
    metadata: Object.fromEntries(table.schema.metadata),
    columns: table.schema.fields.map((field) => ({
      name: field.name,
      type: String(field.type),
      nullable: field.nullable,
      dictionary: DataType.isDictionary(field.type),
    })),
    values: rows.map((row) =>
      Object.fromEntries(
        table.schema.fields.map((field) => [field.name, arrowJsValue(table.getChild(field.name), row)]),
      ),
    ),
  };
}

function arrowJsValue(vector, row) {
  if (!vector.isValid(row)) {
    return null;
  }
  if (DataType.isTimestamp(vector.type)) {
    return String(rawTimestamp(vector, row));
  }
  return json(vector.get(row));
}

function rawTimestamp(vector, row) {
  for (const chunk of vector.data) {
    if (row < chunk.length) {
      return chunk.values[chunk.offset + row];
    }
    row -= chunk.length;
  }
  throw new RangeError(`row ${row} is past the end`);
}

function json(value) {
  if (typeof value === 'bigint') {
    return String(value);
  }
  if (value !== null && typeof value === 'object' && Symbol.iterator in value) {
    return [...value].map(json);
  }
  return value;
}

function chosenRows(count) {
  const rows = rowArgs.length > 0 ? rowArgs.map(Number) : [...Array(Math.min(count, 10)).keys()];
  return rows.filter((row) => row < count);
}

const result = {
  arrowjs: readWithArrowJs(readFileSync(file)),
};
console.log(JSON.stringify(result, null, 2));
