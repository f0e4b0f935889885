// Runs `npm ci` only when package-lock.json changed since the last install, so a Maven build of audit-service does
// not reinstall node_modules every time; a fresh clone (CI) always installs exactly the locked versions.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const lock = readFileSync('package-lock.json');
const hash = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.pjctrl-lock-sha256';

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('webui: node_modules matches package-lock.json, skipping npm ci');
} else {
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
  writeFileSync(stamp, hash);
}
