// `npm start`, `npm run token`, `npm run start:worker`: build only when a source is newer than the last build.
// A fresh clone (no dist/) builds once; later starts skip the 7–9 s of tsc and vite when nothing changed.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const SOURCES = ['apps', 'libs', 'tools', 'bench', 'catalog', 'infra'];
const FILES = ['package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.build.json'];
const SKIP = new Set(['node_modules', 'dist', 'data', '.nx']);

/** The newest modification time below `dir` (source files only; what a build reads). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** `--stamp` (the end of `npm run build`): record that dist/ is the build of the sources as they are now. */
if (process.argv.includes('--stamp')) {
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  process.exit(0);
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sources = Math.max(...SOURCES.filter((dir) => existsSync(path.join(root, dir))).map((dir) => newest(path.join(root, dir))), ...FILES.map((file) => statSync(path.join(root, file)).mtimeMs));
if (built > sources) process.exit(0);

// The build talks on stderr: `TOKEN=$(npm run --silent token)` must capture the token alone. It stamps dist/ itself.
const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: [0, 2, 2] });
if (result.status !== 0) process.exit(result.status ?? 1);
