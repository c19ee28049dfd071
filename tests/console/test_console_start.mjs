// The console's start page in a real browser: Playwright drives Debian's Chromium (nothing is
// downloaded) against `panelpack serve` on a free loopback port over a copy of the sample office.
// It checks the page, the GOV.UK styles, axe's WCAG 2.2 A/AA rules, the security headers on a
// page, a static file and a 404, path traversal, the skip link by keyboard, then a clean stop.
// Run by CTest (label browser) with PANELPACK_BIN, PANELPACK_SOURCE_DIR, PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import {
  AxeBuilder, artefacts, binary, check, chromium, passed, sampleOffice, startServer
} from './console_harness.mjs'

const expectedHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY'
}

function assertSecurityHeaders (headers, what, cacheControl) {
  for (const [name, value] of Object.entries(expectedHeaders)) {
    assert.equal(headers[name], value, `${what}: ${name}`)
  }
  if (cacheControl) assert.equal(headers['cache-control'], cacheControl, `${what}: cache-control`)
}

// A request with the path exactly as written: browsers and fetch would resolve the '..'.
function rawGet (port, rawPath) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: rawPath, agent: false }, (response) => {
      let body = ''
      response.on('data', (chunk) => { body += chunk })
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }))
    })
    request.on('error', reject)
    request.end()
  })
}

const office = sampleOffice('panelpack-console-')

// The command line's refusals need no browser.
await check('a non-loopback address is refused (exit 2)', () => {
  const run = spawnSync(binary, ['serve', '--office', office, '--listen', '192.0.2.10:8080'])
  assert.equal(run.status, 2, run.stderr.toString())
  assert.match(run.stderr.toString(), /not a loopback address/)
})
await check('a missing front-end install names scripts/install-frontend.sh (exit 3)', () => {
  const run = spawnSync(binary, ['serve', '--office', office, '--listen', '127.0.0.1:0',
    '--assets', path.join(office, 'no-such-folder')])
  assert.equal(run.status, 3, run.stderr.toString())
  assert.match(run.stderr.toString(), /scripts\/install-frontend\.sh/)
})

const server = await startServer(office)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true })
try {
  const context = await browser.newContext()
  const page = await context.newPage()
  const pageErrors = []
  page.on('console', (message) => { if (message.type() === 'error') pageErrors.push(message.text()) })
  page.on('pageerror', (error) => pageErrors.push(error.message))

  const response = await page.goto(server.url)
  await check('the start page answers 200 with the security headers and no-store', () => {
    assert.equal(response.status(), 200)
    assertSecurityHeaders(response.headers(), 'start page', 'no-store')
    assert.match(response.headers()['content-type'], /^text\/html; charset=utf-8/)
  })
  await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'))
  const start = {
    h1: (await page.locator('h1').innerText()).trim(),
    title: await page.title(),
    signIn: await page.getByRole('button', { name: 'Sign in' }).getAttribute('href'),
    footer: await page.locator('footer').innerText()
  }
  await check("the start page names the service and the office's authority, and links to sign-in", () => {
    assert.equal(start.h1, 'Permanence panel office')
    assert.equal(start.title, 'Start - Permanence panel office')
    assert.equal(start.signIn, '/sign-in')
    assert.match(start.footer, /Northbridge City Council/)
  })

  const header = await page.locator('.govuk-generic-header').evaluate((element) => {
    const style = getComputedStyle(element)
    return { background: style.backgroundColor, font: getComputedStyle(document.querySelector('h1')).fontFamily }
  })
  await check("GOV.UK Frontend's CSS is applied (the header is #0b0c0c) without GDS Transport", () => {
    assert.equal(header.background, 'rgb(11, 12, 12)')
    assert.doesNotMatch(header.font, /GDS Transport/)
    assert.match(header.font, /system-ui/)
  })

  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze()
  await check('axe finds no WCAG 2.2 A or AA violation on the start page', () => {
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), [])
    assert.ok(axe.passes.length > 10, 'axe ran its rules')
  })

  await page.screenshot({ path: path.join(artefacts, 'console-start.png'), fullPage: true })

  // The keyboard: the first Tab reaches the skip link, Enter moves focus to the main content.
  await page.goto(server.url)
  await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'))
  await page.keyboard.press('Tab')
  const focused = await page.evaluate(() => ({
    text: document.activeElement.textContent.trim(),
    href: document.activeElement.getAttribute('href'),
    visible: document.activeElement.getBoundingClientRect().height > 0
  }))
  await page.keyboard.press('Enter')
  const afterSkip = await page.evaluate(() => document.activeElement.id)
  await check('the first Tab focuses the visible skip link, and Enter moves focus to main', () => {
    assert.deepEqual(focused, { text: 'Skip to main content', href: '#main-content', visible: true })
    assert.equal(afterSkip, 'main-content')
  })

  const css = await context.request.get(server.url + 'assets/govuk/govuk-frontend.min.css')
  await check('a static file answers with its type, the security headers and may be cached', () => {
    assert.equal(css.status(), 200)
    assert.equal(css.headers()['content-type'], 'text/css; charset=utf-8')
    assertSecurityHeaders(css.headers(), 'static file', 'public, max-age=3600')
  })
  const cssText = await css.text()
  await check('the GOV.UK stylesheet served names no GDS Transport font file (install-frontend.sh takes them out)', () => {
    assert.ok(cssText.includes('.govuk-template'), 'the stylesheet is the GOV.UK one')
    assert.ok(!cssText.includes('@font-face'), 'an @font-face rule is left')
    assert.ok(!cssText.includes('/assets/fonts/'), 'a font file is named')
  })

  const missing = await page.goto(server.url + 'no-such-page')
  const missingHeading = (await page.locator('h1').innerText()).trim()
  const axe404 = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze()
  await check('an unknown page is a GOV.UK-style 404 with the security headers, and axe passes it', () => {
    assert.equal(missing.status(), 404)
    assertSecurityHeaders(missing.headers(), '404', 'no-store')
    assert.equal(missingHeading, 'Page not found')
    assert.deepEqual(axe404.violations.map((v) => v.id), [])
  })
  await page.screenshot({ path: path.join(artefacts, 'console-not-found.png'), fullPage: true })

  for (const rawPath of ['/assets/../../office.json', '/assets/govuk/../../../office.json',
    '/assets/govuk/%2e%2e/%2e%2e/%2e%2e/%2e%2e/office.json', '/assets/console/..%2f..%2fconsole%2flayout.mustache',
    '/assets/govuk/assets/fonts/bold-b542beb274-v2.woff2', '/assets/govuk/', '/assets/govuk/assets/images']) {
    const answer = await rawGet(server.port, rawPath)
    await check(`${rawPath} is 404, with the security headers`, () => {
      assert.equal(answer.status, 404)
      assertSecurityHeaders(answer.headers, rawPath, 'no-store')
      assert.doesNotMatch(answer.body, /"authority"/)
    })
  }

  await check('the pages ran without a script error or a CSP refusal', () => {
    assert.deepEqual(pageErrors.filter((text) => !text.includes('404')), [])
  })
} finally {
  await browser.close()
}

server.child.kill('SIGTERM')
const end = await server.exited
await check('SIGTERM stops the console cleanly (exit 0)', () => {
  assert.deepEqual(end, { code: 0, signal: null }, server.stderr())
})
fs.rmSync(office, { recursive: true, force: true })
passed()
