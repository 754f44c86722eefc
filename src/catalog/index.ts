/** The data catalog: Parquet files partitioned by data type, series and date, queried with DuckDB. */
export {
  type AppendOptions,
  type AppendResult,
  CATALOG_READ_MODES,
  Catalog,
  type CatalogOptions,
  CatalogOverlapError,
  type CatalogReadMode,
  type ColumnBatch,
  type OverlapPolicy,
  type PartitionInfo,
  type TimeRange,
} from './catalog.js';
export { listParts, type PartFile, partName, seriesDir, utcDate } from './layout.js';
export {
  NATIVE_READER_PATH,
  type NativeReaderStatus,
  nativeReaderStatus,
  READ_BATCH_ROWS,
} from './native-reader.js';
export {
  CATALOG_COMPRESSIONS,
  type CatalogCompression,
  type CatalogDataType,
  type CatalogRecord,
  COLUMNS,
  DATA_TYPES,
} from './schema.js';
