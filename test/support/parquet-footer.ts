import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Rows of `parquet_metadata(file)` (one per column chunk of each row group): `select` picks the
 * fields, `where` filters, e.g. `footerRows(f, 'DISTINCT compression')`.
 */
export async function footerRows(file: string, select: string, where = 'true'): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT ${select} FROM parquet_metadata('${file.replaceAll("'", "''")}') WHERE ${where}`,
    );
    return reader.getRowsJS() as unknown[][];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
