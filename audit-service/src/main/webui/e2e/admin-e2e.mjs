#!/usr/bin/env node
// Browser end-to-end test of the admin UI against a RUNNING audit-service (and project-service behind its sign-in),
// with real data: sign in, filter, page, open a history, export and parse both formats, acknowledge an alert, verify
// the log, zoom the activity chart, switch times to UTC. Drives Debian's Chromium through playwright-core (no browser
// download). Every page (sign-in, audit log, entry drawer, history, alerts, integrity) is checked with axe-core at both
// widths: any serious or critical violation fails the run. Screenshots of every page, at 1280 px and 390 px wide, go
// to SCREENSHOT_DIR, with axe's findings in axe-<page>-<width>.json.
//
//   AUDIT_URL=http://127.0.0.1:8082 LOGIN_EMAIL=admin@pjctrl.local LOGIN_PASSWORD=... \
//   SCREENSHOT_DIR=target/e2e-screenshots node e2e/admin-e2e.mjs
//
// Needs: an admin account (acknowledging is admin-only), more than 10 audit entries, and at least one
// unacknowledged alert (a project.delete raises one). EXPECT_VALID=false accepts an "invalid" verification result
// (for runs against a deliberately tampered log). CHROMIUM overrides /usr/bin/chromium. Exits 1 on the first failure.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const AUDIT_URL = (process.env.AUDIT_URL ?? 'http://127.0.0.1:8082').replace(/\/$/, '');
const LOGIN_EMAIL = process.env.LOGIN_EMAIL;
const LOGIN_PASSWORD = process.env.LOGIN_PASSWORD;
const SCREENSHOT_DIR = resolve(process.env.SCREENSHOT_DIR ?? 'target/e2e-screenshots');
const EXPECT_VALID = (process.env.EXPECT_VALID ?? 'true') !== 'false';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 30000);

if (!LOGIN_EMAIL || !LOGIN_PASSWORD) {
  console.error('admin-e2e: set LOGIN_EMAIL and LOGIN_PASSWORD (an admin account of project-service)');
  process.exit(2);
}
mkdirSync(SCREENSHOT_DIR, { recursive: true });

class StepFailure extends Error {}
function check(condition, message) {
  if (!condition) {
    throw new StepFailure(message);
  }
}

let passed = 0;
let current = 'start';
async function step(name, body) {
  current = name;
  const started = Date.now();
  await body();
  passed++;
  console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Waits for the page's finite animations (a drawer sliding in) to end; spinners run forever and are not waited for. */
async function settled(page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished),
    ),
  );
}

async function shot(page, name) {
  const width = page.viewportSize()?.width ?? 0;
  const file = join(SCREENSHOT_DIR, `${name}-${width}.png`);
  // A screenshot of what stays on screen, not a frame of the drawer's slide-in.
  await settled(page);
  // Whole page on desktop; on a phone the first screen, as a person sees it (a full page of cards is unreadable).
  await page.screenshot({ path: file, fullPage: width > 600 });
  return file;
}

/**
 * axe-core over the page as it is now: WCAG 2.x A/AA rules plus best practices. Its source is evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not apply to (an injected <script> it would block).
 * Fails on any serious or critical violation; the full findings are saved beside the screenshots.
 */
async function accessible(page, name) {
  const width = page.viewportSize()?.width ?? 0;
  // A drawer sliding in is half transparent for a moment: check what stays on screen, not a frame of the animation.
  await settled(page);
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
  writeFileSync(join(SCREENSHOT_DIR, `axe-${name}-${width}.json`), `${JSON.stringify(violations, null, 2)}\n`);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(
    bad.length === 0,
    `axe-core: ${bad.length} serious/critical violation(s) on ${name} at ${width} px: ${bad
      .map((v) => `${v.id} (${v.impact}: ${v.help}) at ${v.nodes.join(', ')}`)
      .join('; ')}`,
  );
}

/** The activity chart drew bars for the view: its stats arrived (for the current filters) and the canvas exists. */
async function chartShown(page, query) {
  const chart = page.getByTestId('activity-chart');
  await page.waitForFunction(
    (expected) => {
      const figure = document.querySelector('[data-testid="activity-chart"]');
      return figure && figure.dataset.total !== '' && figure.dataset.query === expected && figure.querySelector('canvas');
    },
    query,
  );
  const total = Number(await chart.getAttribute('data-total'));
  const buckets = Number(await chart.getAttribute('data-buckets'));
  check(buckets > 0, `the activity chart has no buckets for '${query}'`);
  const box = await chart.locator('canvas').boundingBox();
  check(box && box.width > 150 && box.height > 100, `the activity chart's canvas is not drawn: ${JSON.stringify(box)}`);
  return { total, buckets };
}

/** The filter part of the audit page's URL, as the chart sends it (without limit, cursor and entry). */
async function filterQuery(page) {
  return page.evaluate(() => {
    const params = new URLSearchParams(window.location.search);
    ['limit', 'cursor', 'entry'].forEach((key) => params.delete(key));
    return params.toString();
  });
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  check(!quoted, 'CSV export ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function signIn(page) {
  await page.goto(`${AUDIT_URL}/audit`);
  await page.getByLabel('Email').fill(LOGIN_EMAIL);
  await page.getByLabel('Password').fill(LOGIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const outcome = await Promise.race([
    page.getByRole('heading', { name: 'Audit log' }).waitFor().then(() => 'in'),
    page.locator('.login .banner-error').waitFor().then(() => 'rejected'),
  ]);
  if (outcome === 'rejected') {
    const message = await page.locator('.login .banner-error').innerText();
    throw new StepFailure(`sign-in refused for ${LOGIN_EMAIL}: ${message}`);
  }
}

async function rowsLoaded(page) {
  await page.locator('[data-testid="audit-row"], .state-empty, .state-error').first().waitFor();
  const error = page.locator('.state-error');
  if (await error.count()) {
    throw new StepFailure(`the audit log shows an error: ${await error.innerText()}`);
  }
  return page.locator('[data-testid="audit-row"]');
}

/** The UI's short form of an id ("bc3cbd49…"): what names replace. */
const SHORT_ID = /\b[0-9a-f]{8}…/;
/** How the UI shows the signed-in admin's e-mail next to the name ("admin@…"). */
const ADMIN_EMAIL_SHOWN = `${LOGIN_EMAIL.slice(0, LOGIN_EMAIL.indexOf('@') + 1)}…`;

/** Waits until every name in scope is resolved (the directory answered), failing with the ones that are not. */
async function namesResolved(page, scope, where) {
  await page
    .waitForFunction(
      (selector) => {
        const names = [...document.querySelectorAll(`${selector} .entity-name`)];
        return names.length > 0 && names.every((n) => n.classList.contains('is-named'));
      },
      scope,
      { timeout: 15000 },
    )
    .catch(async () => {
      const unnamed = await page.locator(`${scope} .entity-name:not(.is-named)`).allInnerTexts();
      throw new StepFailure(`${where} shows ids instead of names: ${unnamed.slice(0, 5).join(', ') || 'no names at all'}`);
    });
}

async function entryIds(page) {
  return page.locator('[data-testid="audit-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-entry-id')));
}

async function download(page, buttonName) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  const failure = await file.failure();
  check(!failure, `${buttonName} download failed: ${failure}`);
  const target = join(SCREENSHOT_DIR, file.suggestedFilename());
  await file.saveAs(target);
  return { name: file.suggestedFilename(), text: readFileSync(target, 'utf8') };
}

async function desktop(browser) {
  // A zone other than the machine's UTC, so the UTC toggle visibly changes every time shown.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    timezoneId: 'Europe/Berlin',
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  // The page is served under a Content-Security-Policy without inline script or style: anything the policy blocks
  // is reported on the console, and would be a broken page in production.
  const policyViolations = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      policyViolations.push(message.text());
    }
  });
  let filterType;
  let exportedIds;

  try {
    await step('sign in through the same-origin proxy', async () => {
      const served = await page.goto(`${AUDIT_URL}/audit`);
      const policy = (await served.allHeaders())['content-security-policy'] ?? '';
      check(policy.includes("script-src 'self'") && !policy.includes('unsafe-inline'),
        `the UI is not served under a strict Content-Security-Policy: '${policy}'`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await shot(page, '01-sign-in');
      await accessible(page, 'sign-in');
      await signIn(page);
      const token = await page.evaluate(() => sessionStorage.getItem('pjctrl.audit.session'));
      check(token, 'no session kept after sign-in');
      check(!page.url().includes('token'), `the token leaked into the URL: ${page.url()}`);
    });

    await step('list audit entries, newest first', async () => {
      const rows = await rowsLoaded(page);
      const count = await rows.count();
      check(count > 0, 'the audit log is empty: the e2e test needs real data (run the stack and make some changes)');
      const times = await page
        .locator('[data-testid="audit-row"] time')
        .evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime'))));
      check(times.every((t, i) => i === 0 || times[i - 1] >= t), 'entries are not newest first');
      const chart = await chartShown(page, '');
      check(chart.total > 0, 'the activity chart counts no entries in the last 7 days, though the table lists some');
      check(chart.buckets >= 168 && chart.buckets <= 169, `the default view is 7 days by the hour, not ${chart.buckets} buckets`);
      await shot(page, '02-audit-log');
      await accessible(page, 'audit-log');
    });

    await step('times carry their zone; the UTC toggle switches them and is remembered', async () => {
      const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      check(zone === 'Europe/Berlin', `the browser runs in ${zone}, not the context's Europe/Berlin`);
      const before = await page.locator('[data-testid="audit-row"] .time-absolute').first().innerText();
      check(/(CET|CEST|GMT\+1|GMT\+2)$/.test(before.trim()), `a time does not name the Berlin zone: ${before}`);
      const toggle = page.getByRole('button', { name: /UTC/ });
      check((await toggle.getAttribute('aria-pressed')) === 'false', 'times start in UTC although the toggle was never used');
      await toggle.click();
      await page.locator('[data-testid="audit-row"] .time-absolute', { hasText: /UTC$/ }).first().waitFor();
      await page.reload();
      await rowsLoaded(page);
      const shown = await page.locator('[data-testid="audit-row"] .time-absolute').first().innerText();
      check(/UTC$/.test(shown.trim()), `after a reload the time is not in UTC: ${shown}`);
      check((await page.getByTestId('activity-chart').innerText()).includes('(UTC)'), 'the chart is not bucketed in UTC');
      await page.getByRole('button', { name: /UTC/ }).click();
      await page.waitForFunction(() => localStorage.getItem('pjctrl.audit.time-zone') === null);
    });

    await step('people and things by name, not UUIDs, in the table', async () => {
      await rowsLoaded(page);
      await namesResolved(page, '[data-testid="audit-row"]', 'the audit table');
      const cells = await page
        .locator('[data-testid="audit-row"] td[data-label="Resource"], [data-testid="audit-row"] td[data-label="Actor"]')
        .allInnerTexts();
      const withIds = cells.filter((text) => SHORT_ID.test(text));
      check(withIds.length === 0, `the table shows ids instead of names: ${withIds.slice(0, 5).join(' | ')}`);
      const actors = await page.locator('[data-testid="audit-row"] td[data-label="Actor"]').allInnerTexts();
      check(actors.some((a) => a.includes(ADMIN_EMAIL_SHOWN)), `no actor shown as the admin (${ADMIN_EMAIL_SHOWN}): ${actors.slice(0, 3)}`);
      const resources = await page.locator('[data-testid="audit-row"] td[data-label="Resource"]').allInnerTexts();
      check(resources.some((r) => /^task\s+'.+'$/.test(r.trim())), `no task shown by its title: ${resources.slice(0, 5)}`);
      const title = await page.locator('[data-testid="audit-row"] td[data-label="Actor"] .entity-name.is-named').first().getAttribute('title');
      check(/[0-9a-f]{8}-[0-9a-f]{4}-/.test(title ?? ''), `the actor's id is not one hover away: title '${title}'`);
    });

    await step('page with the keyset cursor (10 per page, no repeats)', async () => {
      await page.getByLabel('Rows per page').selectOption('10');
      await page.waitForURL(/limit=10/);
      const rows = await rowsLoaded(page);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-row"]').length <= 10);
      const first = await entryIds(page);
      check(first.length === 10, `needs more than 10 audit entries to page; found ${first.length}`);
      const more = page.getByRole('button', { name: 'Load more' });
      check(await more.count(), 'no "Load more" after a full page of 10: needs more than 10 audit entries');
      await more.click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-row"]').length > 10);
      const all = await entryIds(page);
      check(new Set(all).size === all.length, 'paging repeated an entry');
      check(all.slice(0, 10).join() === first.join(), 'the first page changed while paging');
      check((await rows.count()) > 10, 'the second page added no rows');
    });

    await step('filter by resource type; the filter lives in the URL', async () => {
      filterType = (await page.locator('[data-testid="audit-row"] td[data-label="Resource"] .muted').first().innerText()).trim();
      await page.getByLabel('Resource type').selectOption(filterType);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(new RegExp(`resource_type=${filterType}`));
      await rowsLoaded(page);
      const types = await page
        .locator('[data-testid="audit-row"] td[data-label="Resource"] .muted')
        .evaluateAll((nodes) => nodes.map((n) => n.textContent.trim()));
      check(types.length > 0, `no entries for resource_type=${filterType}, although the first row had it`);
      check(types.every((t) => t === filterType), `filter resource_type=${filterType} returned ${[...new Set(types)]}`);
      await page.reload();
      await rowsLoaded(page);
      check((await page.getByLabel('Resource type').inputValue()) === filterType, 'the filter did not survive a reload');
      const chart = await chartShown(page, await filterQuery(page));
      check(chart.total > 0, `the activity chart counts no ${filterType} entries, though the table lists some`);
      await shot(page, '03-audit-filtered');
    });

    await step('drag across the activity chart to zoom: from/to land in the filters and the URL', async () => {
      const over = page.locator('[data-testid="activity-chart"] .u-over');
      const box = await over.boundingBox();
      check(box, 'the activity chart has no plotting area');
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 8 });
      await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 8 });
      await page.mouse.up();
      await page.waitForURL(/from=.*to=|to=.*from=/);
      const url = new URL(page.url());
      const from = Date.parse(url.searchParams.get('from'));
      const to = Date.parse(url.searchParams.get('to'));
      check(from < to && to - from < 7 * 24 * 3600 * 1000, `the zoom set an odd range: ${url.search}`);
      check(url.searchParams.get('resource_type') === filterType, 'zooming dropped the other filters');
      await chartShown(page, await filterQuery(page));
      await page.locator('[data-testid="audit-row"], .state-empty').first().waitFor();
      const times = await page
        .locator('[data-testid="audit-row"] time')
        .evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime'))));
      check(times.every((t) => t >= from && t <= to), 'the table lists entries outside the zoomed range');
      await shot(page, '03b-audit-zoomed');
      await page.goBack();
      await page.waitForURL((u) => !u.searchParams.has('from'));
      await rowsLoaded(page);
    });

    await step('open an entry: diff, request metadata, chain position', async () => {
      await page.locator('[data-testid="audit-row"]').first().getByRole('button', { name: /Details/ }).click();
      const drawer = page.getByRole('dialog', { name: 'Audit entry' });
      await drawer.getByRole('heading', { name: 'Integrity' }).waitFor();
      const checksum = await drawer.locator('.dl-row', { hasText: /^Checksum/ }).locator('code').innerText();
      check(/^[0-9a-f]{64}$/.test(checksum.trim()), `checksum is not 64 hex digits: ${checksum}`);
      check(page.url().includes('entry='), 'the open entry is not in the URL');
      await namesResolved(page, '[role="dialog"] .named-id', 'the entry details');
      const resource = await drawer.locator('.dl-row', { hasText: /^Resource/ }).innerText();
      check(new RegExp(`^Resource\\s*${filterType} `).test(resource), `the details do not name the ${filterType}: ${resource}`);
      check(/[0-9a-f]{8}-[0-9a-f]{4}-/.test(resource), 'the details no longer show the resource id to copy');
      await shot(page, '04-entry-details');
      await accessible(page, 'entry-details');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
    });

    await step('export CSV and NDJSON for the current filter and parse them', async () => {
      const shown = await entryIds(page);
      const csv = await download(page, 'Export CSV');
      const table = parseCsv(csv.text.replace(/^\uFEFF/, ''));
      const header = table[0];
      for (const column of ['id', 'resource_type', 'chain_id', 'seq', 'checksum', 'prev_checksum']) {
        check(header.includes(column), `CSV header lacks ${column}: ${header.join(',')}`);
      }
      const records = table.slice(1).filter((r) => r.length > 1 || r[0] !== '');
      check(records.every((r) => r.length === header.length), 'a CSV record has the wrong number of cells');
      const typeAt = header.indexOf('resource_type');
      check(records.every((r) => r[typeAt] === filterType), `the CSV holds entries outside resource_type=${filterType}`);
      exportedIds = new Set(records.map((r) => r[header.indexOf('id')]));
      check(shown.every((id) => exportedIds.has(id)), 'an entry shown on screen is missing from the CSV export');

      const ndjson = await download(page, 'Export NDJSON');
      const lines = ndjson.text.split('\n').filter((line) => line.trim() !== '');
      const parsed = lines.map((line, i) => {
        try {
          return JSON.parse(line);
        } catch {
          throw new StepFailure(`NDJSON line ${i + 1} is not JSON: ${line.slice(0, 120)}`);
        }
      });
      check(parsed.length === records.length, `NDJSON has ${parsed.length} lines, CSV ${records.length} records`);
      check(parsed.every((e) => exportedIds.has(e.id)), 'NDJSON and CSV exports hold different entries');
      writeFileSync(join(SCREENSHOT_DIR, 'export-summary.txt'), `${csv.name}: ${records.length} records\n${ndjson.name}: ${parsed.length} lines\n`);
    });

    await step('open the resource history and its state as of now', async () => {
      const link = page.locator('[data-testid="audit-row"] td[data-label="Resource"] a').first();
      check(await link.count(), 'no row links to a resource history');
      await link.click();
      await page.waitForURL(/\/resources\//);
      await page.locator('.timeline-item, .state-empty, .state-error').first().waitFor();
      check(!(await page.locator('#timeline-title ~ .state-error').count()), 'the history failed to load');
      check(await page.locator('.timeline-item').count(), 'the history of a resource with entries is empty');
      await namesResolved(page, '.history-name', 'the history heading');
      await namesResolved(page, '.timeline-actor', 'the history timeline');
      const heading = await page.locator('.history-name').innerText();
      check(!SHORT_ID.test(heading), `the history is headed by an id: ${heading}`);
      // Now in the browser's zone, as its datetime-local input takes it.
      const now = await page.evaluate(() => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16));
      await page.getByLabel('Date and time').fill(now);
      await page.getByRole('button', { name: 'Show state' }).click();
      await page.waitForURL(/as_of=/);
      await page.locator('.state-table, .state-empty, .state-error').first().waitFor();
      const stateError = page.locator('[aria-labelledby="asof-title"] .state-error');
      check(!(await stateError.count()), `the as-of state failed: ${(await stateError.count()) ? await stateError.innerText() : ''}`);
      await shot(page, '05-resource-history');
      await accessible(page, 'resource-history');
    });

    await step('alerts: live stream connected, acknowledge one with a note', async () => {
      await page.getByRole('link', { name: 'Alerts', exact: true }).click();
      await page.getByRole('heading', { name: 'Alerts' }).waitFor();
      await page.locator('.alert-item, .state-empty, .state-error').first().waitFor();
      check(!(await page.locator('.state-error').count()), 'the alerts failed to load');
      await page.locator('.stream-status', { hasText: 'Live' }).waitFor({ timeout: 15000 }).catch(() => {
        throw new StepFailure('the alert stream (SSE) never went live');
      });
      const open = page.locator('.alert-item:not(.is-acknowledged)');
      check(await open.count(), 'no unacknowledged alert to acknowledge: raise one first (e.g. delete a project)');
      await shot(page, '06-alerts');
      await accessible(page, 'alerts');
      const target = open.first();
      const message = await target.locator('.alert-message').innerText();
      await target.getByRole('button', { name: 'Acknowledge' }).click();
      const note = `e2e check ${new Date().toISOString()}`;
      await target.getByLabel('Note').fill(note);
      await target.getByRole('button', { name: 'Confirm' }).click();
      const done = page.locator('.alert-item.is-acknowledged', { hasText: note });
      await done.waitFor().catch(async () => {
        const error = await target.locator('.field-error').allInnerTexts();
        throw new StepFailure(`acknowledging "${message}" did not complete ${error.join(' ')}`);
      });
      await page.getByRole('button', { name: 'All', exact: true }).click();
      await page.locator('.alert-item.is-acknowledged', { hasText: note }).waitFor();
      await shot(page, '07-alert-acknowledged');
    });

    await step('integrity: verify all chains; checkpoints and keys listed', async () => {
      await page.getByRole('link', { name: 'Integrity', exact: true }).click();
      await page.getByRole('heading', { name: 'Integrity' }).waitFor();
      await page.getByRole('button', { name: 'Run verification' }).click();
      const result = page.getByTestId('verify-result');
      await result.waitFor({ timeout: Math.max(TIMEOUT, 120000) }).catch(async () => {
        const error = await page.locator('.verify-form .state-error').allInnerTexts();
        throw new StepFailure(`verification gave no result ${error.join(' ')}`);
      });
      const text = await result.innerText();
      check(/entries checked/.test(text), `unexpected verification result: ${text}`);
      if (EXPECT_VALID) {
        check(text.includes('Valid'), `the untouched log did not verify: ${text.slice(0, 400)}`);
      }
      await page.locator('#checkpoints-title ~ *').first().waitFor();
      await page.locator('#keys-title ~ *').first().waitFor();
      check(!(await page.locator('.card .state-error').count()), 'checkpoints or keys failed to load');
      await shot(page, '08-integrity');
      await accessible(page, 'integrity');
    });

    check(consoleErrors.length === 0, `uncaught errors in the page: ${consoleErrors.join(' | ')}`);
    check(policyViolations.length === 0, `the Content-Security-Policy blocked: ${policyViolations.join(' | ')}`);
  } catch (error) {
    await shot(page, `failure-${current.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

async function phone(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  try {
    await step('readable and accessible at 390 px: every page without horizontal scrolling', async () => {
      await page.goto(`${AUDIT_URL}/audit`);
      await shot(page, '01-sign-in');
      await accessible(page, 'sign-in');
      await signIn(page);
      const pages = [
        ['02-audit-log', '/audit', '[data-testid="audit-row"], .state-empty'],
        ['04-entry-details', 'drawer', '[role="dialog"] .dl-row'],
        ['05-resource-history', null, '.timeline-item, .state-empty'],
        ['06-alerts', '/alerts?show=all', '.alert-item, .state-empty'],
        ['08-integrity', '/integrity', '.card'],
      ];
      let historyLink = null;
      for (const [name, path, ready] of pages) {
        if (path === 'drawer') {
          await page.goto(`${AUDIT_URL}/audit`);
          await page.locator('[data-testid="audit-row"]').first().getByRole('button', { name: /Details/ }).click();
        } else if (path) {
          await page.goto(`${AUDIT_URL}${path}`);
        } else if (historyLink) {
          await page.goto(`${AUDIT_URL}${historyLink}`);
        } else {
          continue;
        }
        await page.locator(ready).first().waitFor();
        if (path === '/audit') {
          historyLink = await page.locator('[data-testid="audit-row"] td[data-label="Resource"] a').first().getAttribute('href');
          await chartShown(page, '');
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(overflow <= 1, `${path ?? historyLink} scrolls sideways by ${overflow}px at 390 px`);
        await shot(page, name);
        await accessible(page, name.replace(/^\d+-/, ''));
      }
    });
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
console.log(`admin-e2e against ${AUDIT_URL} as ${LOGIN_EMAIL}; screenshots in ${SCREENSHOT_DIR}`);
try {
  await desktop(browser);
  await phone(browser);
  console.log(`admin-e2e: ${passed} passed, 0 failed`);
} catch (error) {
  console.error(`  ✗ ${current}: ${error instanceof StepFailure ? error.message : error.stack ?? error}`);
  console.log(`admin-e2e: ${passed} passed, 1 failed`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
