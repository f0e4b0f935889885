// Lints OpenAPI documents with the Redocly CLI pinned in package-lock.json: `npm ci` first when the lock changed
// since the last install (a fresh clone always installs exactly the locked version), then `redocly lint` with
// redocly.yaml beside this file. Run by each service's build (verify phase) on target/openapi/openapi.yaml, which
// Quarkus writes at build time (quarkus.smallrye-openapi.store-schema-directory).
import { createHash } from 'node:crypto';
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const documents = process.argv.slice(2).map((d) => resolve(d));
if (documents.length === 0) {
  console.error('usage: node lint.mjs <openapi.yaml>...');
  process.exit(2);
}
for (const document of documents) {
  if (!existsSync(document)) {
    console.error(`openapi-lint: ${document} does not exist (was the service built?)`);
    process.exit(2);
  }
}

const hash = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
const stamp = join(here, 'node_modules', '.pjctrl-lock-sha256');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== hash) {
  execSync('npm ci --no-audit --no-fund', { cwd: here, stdio: 'inherit' });
  writeFileSync(stamp, hash);
}

const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
execFileSync(join(here, 'node_modules', '.bin', 'redocly'),
  ['lint', '--config', join(here, 'redocly.yaml'), '--format', 'stylish', ...documents],
  { stdio: 'inherit', env });
