{
  "variables": {
    "duckdb_dir": "<!(node -p \"require('node:path').dirname(require.resolve('@duckdb/node-bindings-' + process.platform + '-' + process.arch + '/package.json'))\")"
  },
  "targets": [
    {
      "target_name": "catalog_reader",
      "sources": ["native/catalog_reader.c"],
      "cflags": ["-O2", "-std=c11", "-Wall", "-Wextra"],
      "libraries": ["-L<(duckdb_dir)", "-lduckdb", "-Wl,-rpath,<(duckdb_dir)"]
    }
  ]
}
