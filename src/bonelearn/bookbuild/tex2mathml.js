// Convert TeX to MathML with MathJax's own TeX input, at build time (bonelearn.bookbuild.maths).
// Usage: node tex2mathml.js <path of the mathjax npm package>
// Reads a JSON list of {tex, display} from stdin; writes a JSON list of MathML strings, or
// exits 1 with a message naming the formula MathJax could not parse.
const mathjaxPath = process.argv[2];
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const formulas = JSON.parse(input);
  require(mathjaxPath + "/es5/node-main.js").init({
    loader: {load: ["input/tex-base", "[tex]/ams", "[tex]/newcommand", "[tex]/noundefined", "[tex]/boldsymbol"]},
    tex: {packages: ["base", "ams", "newcommand", "noundefined", "boldsymbol"], formatError: (jax, err) => { throw err; }},
  }).then((MathJax) => {
    const out = [];
    for (const {tex, display} of formulas) {
      try {
        out.push(MathJax.tex2mml(tex, {display}));
      } catch (err) {
        process.stderr.write(`cannot convert the TeX formula ${JSON.stringify(tex)}: ${err.message}\n`);
        process.exit(1);
      }
    }
    process.stdout.write(JSON.stringify(out));
  }).catch((err) => {
    process.stderr.write(`MathJax failed to start: ${err.message}\n`);
    process.exit(1);
  });
});
