/* Drop the rules of style sheets whose selectors match nothing in the built book.
 *
 * Run by bonelearn.bookbuild.joincss: `node purgecss.js <purgecss package folder>` with
 * {"css": [text, ...], "content": [{"raw": text, "extension": "html"}, ...],
 * "safelist": [regex source, ...]} on stdin;
 * writes the purged texts (same order) as a JSON list to stdout. PurgeCSS keeps a rule when
 * every class, id, element and attribute of one of its selectors occurs as a word in the
 * content (the built pages and every script they may load, which add classes at run time);
 * @font-face, @keyframes and custom properties are kept. The purged sheets are then
 * minified by CSSO (the `csso` package beside it in node_modules) without restructuring:
 * white space and comments go (licence comments, `/*!`, stay), rules are neither merged
 * nor moved, so the cascade is the same.
 */
"use strict";
const path = require("path");
const { PurgeCSS } = require(path.resolve(process.argv[2], "lib", "purgecss.js"));
const csso = require(path.resolve(process.argv[2], "..", "csso"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const job = JSON.parse(input);
  const results = await new PurgeCSS().purge({
    content: job.content.map((c) => ({ raw: c.raw, extension: c.extension })),
    css: job.css.map((raw) => ({ raw })),
    safelist: { standard: job.safelist.map((source) => new RegExp(source)) },
  });
  process.stdout.write(JSON.stringify(
    results.map((r) => csso.minify(r.css, { restructure: false, comments: "exclamation" }).css)));
});
