// What every browser test of the console shares: the tools from console/node_modules
// (scripts/install-frontend.sh), a copy of the sample office, `panelpack serve` on a free
// loopback port, accounts made with `panelpack users add`, signing in, axe's WCAG 2.2 A/AA
// rules, screenshots into PANELPACK_ARTEFACTS, and numbered checks.
// CTest sets PANELPACK_BIN, PANELPACK_SOURCE_DIR and PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'

export const binary = process.env.PANELPACK_BIN
export const source = process.env.PANELPACK_SOURCE_DIR
export const artefacts = process.env.PANELPACK_ARTEFACTS
assert.ok(binary && source && artefacts, 'set PANELPACK_BIN, PANELPACK_SOURCE_DIR, PANELPACK_ARTEFACTS')

const require = createRequire(path.join(source, 'console', 'package.json'))
export const { chromium } = require('@playwright/test')
export const AxeBuilder = require('@axe-core/playwright').default

let checks = 0
// Runs one named check and prints it as a TAP-like line; a failure throws and ends the test.
export async function check (what, test) {
  await test()
  checks++
  console.log(`ok ${checks} - ${what}`)
}
export function passed () {
  console.log(`${checks} passed, 0 failed`)
}

// A copy of samples/office in a new temporary folder (the tests change it).
export function sampleOffice (prefix) {
  const office = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  fs.cpSync(path.join(source, 'samples', 'office'), office, { recursive: true })
  fs.mkdirSync(artefacts, { recursive: true })
  return office
}

// Starts `panelpack serve` on a free loopback port; resolves with the child, its address
// (url ends with '/'), its port and its stderr so far.
export function startServer (office, extra = []) {
  const child = spawn(binary, ['serve', '--office', office, '--listen', '127.0.0.1:0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => { stderr += chunk })
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  return new Promise((resolve, reject) => {
    let stdout = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      const ready = stdout.match(/^panelpack console on (https?:\/\/127\.0\.0\.1:(\d+)\/)$/m)
      if (ready) resolve({ child, url: ready[1], port: Number(ready[2]), stderr: () => stderr, exited })
    })
    child.on('exit', (code) => reject(new Error(`serve exited ${code} before it was ready: ${stderr}`)))
  })
}

// One check that axe finds no WCAG 2.2 A/AA violation on the page as it is; `what` names it.
export async function noViolations (page, what) {
  await check(`axe finds no violation: ${what}`, async () => {
    assert.deepEqual(await axeViolations(page), [])
  })
}

// The end of a test: the browser closed, then the server stopped as systemd stops it (SIGTERM)
// and waited for, so no test leaves a server behind.
export async function shutDown (browser, server) {
  await browser.close()
  server.child.kill('SIGTERM')
  await server.exited
}

// Runs `panelpack users WORDS --office OFFICE`, which must succeed; its stdout.
export function users (office, ...words) {
  const run = spawnSync(binary, ['users', ...words, '--office', office])
  assert.equal(run.status, 0, run.stderr.toString())
  return run.stdout.toString()
}

// Adds an account; its one-time password. `extra`: more options, such as ['--panel', 'SLP'].
export function addUser (office, user, role, name, extra = []) {
  const out = users(office, 'add', user, '--role', role, '--name', name, ...extra)
  const password = out.match(/one-time password: (\S+)/)
  assert.ok(password, out)
  return password[1]
}

// axe's WCAG 2.2 A and AA violations on the page as it is now: [] when there are none.
export async function axeViolations (page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze()
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.map((n) => n.target).join(' ')}`)
}

// Waits until GOV.UK Frontend's script has run on the page.
export async function ready (page) {
  await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'))
}

// The whole page as PANELPACK_ARTEFACTS/console-NAME.png (docs/console.md shows them).
export async function shoot (page, name) {
  await page.screenshot({ path: path.join(artefacts, `console-${name}.png`), fullPage: true })
}

// Signs in through the form and waits for the page it lands on.
export async function signIn (page, url, user, password) {
  await page.goto(url + 'sign-in')
  await page.locator('#user-name').fill(user)
  await page.locator('#password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForLoadState()
  await ready(page)
}

// An account ready to use: added, signed in once in `page` and its one-time password changed
// to `password`. Resolves with { user, password }.
export async function accountSignedIn (office, page, url, { user, role, name, password, extra = [] }) {
  const otp = addUser(office, user, role, name, extra)
  await signIn(page, url, user, otp)
  // The form asks for the current password only when it is not the one-time one just used.
  if (await page.locator('#current-password').count() > 0) await page.locator('#current-password').fill(otp)
  await page.locator('#new-password').fill(password)
  await page.locator('#confirm-password').fill(password)
  await page.getByRole('button', { name: 'Change password' }).click()
  await page.waitForURL((address) => !address.pathname.startsWith('/change-password'))
  await ready(page)
  return { user, password }
}

// Debian's Chromium, headless (nothing is downloaded); the caller closes it.
export function launchChromium () {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true })
}

// A page in a new browser context (1280 by 900, as docs/console.md's screenshots), watched for
// script errors into `errors`, signed in as a new account (accountSignedIn's `account`).
export async function pageSignedInAs (browser, office, url, errors, account, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions })
  const page = await context.newPage()
  watch(page, errors)
  await accountSignedIn(office, page, url, account)
  return page
}

// Presses Tab until the focused element is the one `wanted` names ({ id } or its visible
// { text }); throws after `most` presses. The keyboard-only flows move with it.
export async function tabTo (page, wanted, most = 300) {
  for (let tab = 0; tab < most; tab++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => ({
      id: document.activeElement?.id ?? '',
      text: document.activeElement?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
    }))
    if (wanted.id !== undefined ? focused.id === wanted.id : focused.text === wanted.text) return
  }
  throw new Error(`${JSON.stringify(wanted)} was not reached with Tab`)
}

// Collects script errors and CSP refusals of `page` into `errors`.
export function watch (page, errors) {
  page.on('pageerror', (error) => errors.push(error.message))
  // GDS Transport is not served (licensed for gov.uk only): no page may even ask for it.
  page.on('request', (request) => {
    if (request.url().includes('/assets/fonts/')) errors.push('a page asked for the GDS Transport font files')
  })
  // The address a failed load came from, so a refusal names what failed.
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} ${message.location().url ?? ''}`.trim())
  })
}
