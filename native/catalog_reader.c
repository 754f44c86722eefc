/*
 * Batch reader for the catalog's streaming DuckDB queries (Node-API, C).
 *
 * `@duckdb/node-bindings` hands a streaming result to JS one 2,048-row chunk at a time: an async hop
 * through libuv's thread pool per chunk (30-65 us on a 2-vCPU VM) and one fresh ArrayBuffer per
 * column per chunk. This reader fetches chunks on a pool thread and writes them straight into the
 * typed arrays of a whole batch (tens of thousands of rows) that JS allocated: one hop and one
 * allocation per column per batch. It converts as it copies (BIGINT to double, null to NaN), so
 * the query selects the stored columns uncast.
 *
 * It reads the `duckdb_result *` behind a node-bindings Result (an external) and calls DuckDB's C
 * API in the libduckdb.so that node-bindings loaded. Only the declarations it uses are written
 * here; they are DuckDB's stable C API (v1.x).
 */
#include <math.h>
#include <stdio.h>
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* --- DuckDB C API (the part used here) --------------------------------------------------------- */
typedef uint64_t idx_t;
typedef struct _duckdb_data_chunk {
  void *internal_ptr;
} *duckdb_data_chunk;
typedef struct _duckdb_vector {
  void *internal_ptr;
} *duckdb_vector;
typedef struct {
  idx_t deprecated_column_count;
  idx_t deprecated_row_count;
  idx_t deprecated_rows_changed;
  void *deprecated_columns;
  char *deprecated_error_message;
  void *internal_data;
} duckdb_result;
enum { DUCKDB_TYPE_BIGINT = 5, DUCKDB_TYPE_UTINYINT = 6, DUCKDB_TYPE_DOUBLE = 11 };

extern duckdb_data_chunk duckdb_fetch_chunk(duckdb_result result);
extern idx_t duckdb_data_chunk_get_size(duckdb_data_chunk chunk);
extern duckdb_vector duckdb_data_chunk_get_vector(duckdb_data_chunk chunk, idx_t index);
extern void *duckdb_vector_get_data(duckdb_vector vector);
extern uint64_t *duckdb_vector_get_validity(duckdb_vector vector);
extern void duckdb_destroy_data_chunk(duckdb_data_chunk *chunk);
extern idx_t duckdb_column_count(duckdb_result *result);
extern int duckdb_column_type(duckdb_result *result, idx_t column);
extern const char *duckdb_result_error(duckdb_result *result);

/* --- The reader ------------------------------------------------------------------------------- */
#define MAX_COLUMNS 16

/* How a column is copied out: its DuckDB type decides. */
typedef enum { INT64_TO_DOUBLE, DOUBLE_COPY, UINT8_COPY } column_kind;

typedef struct {
  napi_ref result_ref; /* keeps node-bindings' Result (and so the duckdb_result) alive */
  duckdb_result *result;
  idx_t columns;
  column_kind kinds[MAX_COLUMNS];
  duckdb_data_chunk pending; /* fetched, did not fit the last batch */
  int busy;                  /* a batch is being read on the pool */
  int done;
  /* The batch in progress. */
  napi_async_work work;
  napi_deferred deferred;
  napi_ref outputs_ref;
  napi_ref self_ref; /* the reader itself, so that it outlives the batch in flight */
  void *out[MAX_COLUMNS];
  idx_t capacity;
  idx_t filled;
  char error[256];
} reader_t;

#define CHECK(env, call)                                                                          \
  do {                                                                                            \
    if ((call) != napi_ok) {                                                                      \
      napi_throw_error((env), NULL, "catalog_reader: " #call " failed");                         \
      return NULL;                                                                                \
    }                                                                                             \
  } while (0)

static napi_value throw_error(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

/* Whether row i is null by a vector's validity mask (64 rows a word; no mask: none is). */
static inline int is_null(const uint64_t *valid, idx_t i) {
  return valid && !((valid[i >> 6] >> (i & 63)) & 1);
}

/* Copies one chunk into the batch at row `at`, converting each column (null: NaN, or 0 for codes). */
static void copy_chunk(reader_t *r, duckdb_data_chunk chunk, idx_t at) {
  idx_t n = duckdb_data_chunk_get_size(chunk);
  for (idx_t c = 0; c < r->columns; c++) {
    duckdb_vector vector = duckdb_data_chunk_get_vector(chunk, c);
    const void *data = duckdb_vector_get_data(vector);
    const uint64_t *valid = duckdb_vector_get_validity(vector);
    switch (r->kinds[c]) {
      case INT64_TO_DOUBLE: {
        const int64_t *src = data;
        double *dst = (double *)r->out[c] + at;
        for (idx_t i = 0; i < n; i++) dst[i] = is_null(valid, i) ? NAN : (double)src[i];
        break;
      }
      case DOUBLE_COPY: {
        double *dst = (double *)r->out[c] + at;
        memcpy(dst, data, n * sizeof(double));
        if (valid)
          for (idx_t i = 0; i < n; i++)
            if (is_null(valid, i)) dst[i] = NAN;
        break;
      }
      case UINT8_COPY: {
        uint8_t *dst = (uint8_t *)r->out[c] + at;
        memcpy(dst, data, n);
        if (valid)
          for (idx_t i = 0; i < n; i++)
            if (is_null(valid, i)) dst[i] = 0;
        break;
      }
    }
  }
}

/* On a pool thread: fetch chunks into the batch until the next one would not fit, or the end. */
static void execute_batch(napi_env env, void *data) {
  (void)env;
  reader_t *r = data;
  r->filled = 0;
  while (!r->done) {
    duckdb_data_chunk chunk = r->pending;
    r->pending = NULL;
    if (!chunk) chunk = duckdb_fetch_chunk(*r->result);
    if (!chunk) {
      /* The end of the result, or an error (which the result then carries). */
      const char *message = duckdb_result_error(r->result);
      if (message) snprintf(r->error, sizeof r->error, "%s", message);
      r->done = 1;
      break;
    }
    idx_t n = duckdb_data_chunk_get_size(chunk);
    if (n == 0) {
      duckdb_destroy_data_chunk(&chunk);
      r->done = 1;
      break;
    }
    if (r->filled + n > r->capacity) {
      r->pending = chunk;
      break;
    }
    copy_chunk(r, chunk, r->filled);
    r->filled += n;
    duckdb_destroy_data_chunk(&chunk);
  }
}

static void complete_batch(napi_env env, napi_status status, void *data) {
  reader_t *r = data;
  napi_deferred deferred = r->deferred;
  napi_delete_async_work(env, r->work);
  napi_delete_reference(env, r->outputs_ref);
  napi_ref self_ref = r->self_ref;
  r->work = NULL;
  r->self_ref = NULL;
  r->deferred = NULL;
  r->outputs_ref = NULL;
  r->busy = 0;
  napi_value value;
  napi_delete_reference(env, self_ref);
  if (status != napi_ok || r->error[0]) {
    napi_value message;
    napi_create_string_utf8(env, r->error[0] ? r->error : "catalog_reader: batch cancelled", NAPI_AUTO_LENGTH,
                            &message);
    napi_create_error(env, NULL, message, &value);
    napi_reject_deferred(env, deferred, value);
    return;
  }
  napi_create_double(env, (double)r->filled, &value);
  napi_resolve_deferred(env, deferred, value);
}

static void release(napi_env env, reader_t *r) {
  if (r->pending) duckdb_destroy_data_chunk(&r->pending);
  if (r->result_ref) napi_delete_reference(env, r->result_ref);
  r->result_ref = NULL;
  r->done = 1;
}

static void finalize_reader(napi_env env, void *data, void *hint) {
  (void)hint;
  reader_t *r = data;
  /* Never while a batch is in flight: that batch holds a reference to the reader. */
  release(env, r);
  free(r);
}

static reader_t *unwrap_reader(napi_env env, napi_value value) {
  void *data = NULL;
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_external) return NULL;
  if (napi_get_value_external(env, value, &data) != napi_ok) return NULL;
  return data;
}

/* The type tag node-bindings puts on its Result externals: a value without it is refused, never read. */
static const napi_type_tag RESULT_TAG = {0x08F7FE3AE12345E5ULL, 0x8733310DC29372D9ULL};

/* createReader(result: node-bindings Result) -> reader (an external). Checks the column types. */
static napi_value create_reader(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1) return throw_error(env, "catalog_reader: expected a DuckDB result");
  napi_valuetype type;
  CHECK(env, napi_typeof(env, argv[0], &type));
  if (type != napi_external) return throw_error(env, "catalog_reader: expected a DuckDB result");
  bool tagged = false;
  CHECK(env, napi_check_object_type_tag(env, argv[0], &RESULT_TAG, &tagged));
  if (!tagged) return throw_error(env, "catalog_reader: not a @duckdb/node-bindings result (version mismatch?)");
  void *result = NULL;
  CHECK(env, napi_get_value_external(env, argv[0], &result));
  reader_t *r = calloc(1, sizeof *r);
  if (!r) return throw_error(env, "catalog_reader: out of memory");
  r->result = result;
  r->columns = duckdb_column_count(r->result);
  if (r->columns == 0 || r->columns > MAX_COLUMNS) {
    free(r);
    return throw_error(env, "catalog_reader: unsupported column count");
  }
  for (idx_t c = 0; c < r->columns; c++) {
    int t = duckdb_column_type(r->result, c);
    if (t == DUCKDB_TYPE_BIGINT) r->kinds[c] = INT64_TO_DOUBLE;
    else if (t == DUCKDB_TYPE_DOUBLE) r->kinds[c] = DOUBLE_COPY;
    else if (t == DUCKDB_TYPE_UTINYINT) r->kinds[c] = UINT8_COPY;
    else {
      free(r);
      return throw_error(env, "catalog_reader: columns must be BIGINT, DOUBLE or UTINYINT");
    }
  }
  if (napi_create_reference(env, argv[0], 1, &r->result_ref) != napi_ok) {
    free(r);
    return throw_error(env, "catalog_reader: cannot reference the result");
  }
  napi_value external;
  if (napi_create_external(env, r, finalize_reader, NULL, &external) != napi_ok) {
    release(env, r);
    free(r);
    return throw_error(env, "catalog_reader: cannot create the reader");
  }
  return external;
}

/*
 * readBatch(reader, outputs: TypedArray[], capacity: number) -> Promise<number>: fills the outputs
 * (Float64Array for BIGINT/DOUBLE columns, Uint8Array for UTINYINT; at least `capacity` elements,
 * capacity >= 2,048) from row 0 and resolves with the rows written, 0 at the end of the result.
 */
static napi_value read_batch(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 3) return throw_error(env, "catalog_reader: readBatch(reader, outputs, capacity)");
  reader_t *r = unwrap_reader(env, argv[0]);
  if (!r) return throw_error(env, "catalog_reader: expected a reader");
  if (r->busy) return throw_error(env, "catalog_reader: a batch is already being read");
  double capacity;
  CHECK(env, napi_get_value_double(env, argv[2], &capacity));
  if (!(capacity >= 2048)) return throw_error(env, "catalog_reader: capacity must be at least 2048 rows");
  uint32_t count;
  CHECK(env, napi_get_array_length(env, argv[1], &count));
  if (count != r->columns) return throw_error(env, "catalog_reader: one output per column");
  for (uint32_t c = 0; c < count; c++) {
    napi_value element;
    CHECK(env, napi_get_element(env, argv[1], c, &element));
    bool is_typed;
    CHECK(env, napi_is_typedarray(env, element, &is_typed));
    if (!is_typed) return throw_error(env, "catalog_reader: outputs must be typed arrays");
    napi_typedarray_type array_type;
    size_t length;
    void *data;
    CHECK(env, napi_get_typedarray_info(env, element, &array_type, &length, &data, NULL, NULL));
    napi_typedarray_type wanted = r->kinds[c] == UINT8_COPY ? napi_uint8_array : napi_float64_array;
    if (array_type != wanted) return throw_error(env, "catalog_reader: output type does not match its column");
    if (length < (size_t)capacity) return throw_error(env, "catalog_reader: output shorter than capacity");
    r->out[c] = data;
  }
  napi_value promise, name;
  CHECK(env, napi_create_promise(env, &r->deferred, &promise));
  if (r->done) {
    napi_value zero;
    napi_create_double(env, 0, &zero);
    napi_resolve_deferred(env, r->deferred, zero);
    r->deferred = NULL;
    return promise;
  }
  r->capacity = (idx_t)capacity;
  r->error[0] = 0;
  CHECK(env, napi_create_reference(env, argv[1], 1, &r->outputs_ref));
  CHECK(env, napi_create_reference(env, argv[0], 1, &r->self_ref));
  CHECK(env, napi_create_string_utf8(env, "bourse.catalogReader", NAPI_AUTO_LENGTH, &name));
  CHECK(env, napi_create_async_work(env, NULL, name, execute_batch, complete_batch, r, &r->work));
  CHECK(env, napi_queue_async_work(env, r->work));
  r->busy = 1;
  return promise;
}

/* closeReader(reader): drops a fetched chunk and the hold on the result (not while a batch reads). */
static napi_value close_reader(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  reader_t *r = argc ? unwrap_reader(env, argv[0]) : NULL;
  if (!r) return throw_error(env, "catalog_reader: expected a reader");
  if (r->busy) return throw_error(env, "catalog_reader: close after the batch in flight settles");
  release(env, r);
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor methods[] = {
      {"createReader", NULL, create_reader, NULL, NULL, NULL, napi_default, NULL},
      {"readBatch", NULL, read_batch, NULL, NULL, NULL, napi_default, NULL},
      {"closeReader", NULL, close_reader, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(env, napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
