/* Minify the book's widget scripts.
 *
 * Run by bonelearn.bookbuild.pagescripts: `node minify.js <terser package folder>` with a
 * JSON list of script texts on stdin; writes the minified texts (same order) as a JSON
 * list to stdout. Each text is a classic script run in the page's global scope, so
 * top-level names are kept (only names inside functions are shortened). Comments go,
 * but licence comments (`/*!`, `@license`, `@preserve`) stay.
 */
"use strict";
const path = require("path");
const { minify } = require(path.resolve(process.argv[2], "dist", "bundle.min.js"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const texts = JSON.parse(input);
  const out = [];
  for (const text of texts) {
    const result = await minify(text, {
      ecma: 5, toplevel: false, compress: { passes: 2 }, mangle: true,
      format: { comments: "some", ascii_only: false },
    });
    out.push(result.code);
  }
  process.stdout.write(JSON.stringify(out));
});
