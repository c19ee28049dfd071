// The Mail pages and the audit page through the browser. A copy of the sample office whose
// relay is a closed loopback port gets the 8 emails of 11 December 09:05 queued by
// `panelpack tick` (each fails: the relay cannot be reached). The administrator sees them in
// words, filters them, sends one again and cancels another with the keyboard alone after the
// "Are you sure" page (the outbox SQLite, read by `panelpack outbox list --json`, changes),
// and is told, with nothing changed, when an email cannot be sent again. A viewer sees no
// buttons and is refused (403); a POST without the CSRF token is 403. The audit page shows
// words and London times, filters by action, person and date (a wrong date is an error beside
// its field), and its CSV download matches `panelpack users audit --csv`. axe finds no WCAG 2.2
// A/AA violation on each page; screenshots go to PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import {
  accountSignedIn, launchChromium, pageSignedInAs, axeViolations, binary, check, passed, ready,
  sampleOffice, shoot, startServer, users, watch, shutDown
} from './console_harness.mjs'


// A loopback port nothing listens on: opened, then closed.
async function closedPort () {
  const server = net.createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = server.address().port
  await new Promise((resolve) => server.close(resolve))
  return port
}

function panelpack (office, ...words) {
  return spawnSync(binary, [...words, '--office', office])
}

// The outbox's rows as `panelpack outbox list --json` reads them from the SQLite file.
function outboxRows (office) {
  const run = panelpack(office, 'outbox', 'list', '--json')
  assert.equal(run.status, 0, run.stderr.toString())
  return JSON.parse(run.stdout.toString()).rows
}
function stateOf (office, id) {
  return outboxRows(office).find((row) => row.id === id).state
}

async function noViolations (page) {
  assert.deepEqual(await axeViolations(page), [])
}

// Presses Tab until the focused element's text matches `pattern` (at most 80 times).
async function tabTo (page, pattern) {
  for (let tab = 0; tab < 80; tab++) {
    await page.keyboard.press('Tab')
    const text = await page.evaluate(() => document.activeElement.innerText ?? '')
    if (pattern.test(text)) return
  }
  throw new Error(`no focusable element matches ${pattern}`)
}

const office = sampleOffice('panelpack-mail-')
const officeJson = path.join(office, 'office.json')
const config = JSON.parse(fs.readFileSync(officeJson, 'utf8'))
config.mail.smtp.port = await closedPort()
fs.writeFileSync(officeJson, JSON.stringify(config, null, 2))
// Every booking made on 1 November, so the tick's 14-day lookback holds the deadlines' mail
// alone, not the bookings' confirmations (issue 15; tests/tick/test_tick_invitations.py).
for (const panel of fs.readdirSync(path.join(office, 'bookings'))) {
  for (const name of fs.readdirSync(path.join(office, 'bookings', panel)).filter((n) => n.endsWith('.json'))) {
    const file = path.join(office, 'bookings', panel, name)
    const bookings = JSON.parse(fs.readFileSync(file, 'utf8'))
    for (const item of bookings.items) item.bookedAt = '2026-11-01T09:00:00+00:00'
    fs.writeFileSync(file, JSON.stringify(bookings, null, 2))
  }
}
const tick = panelpack(office, 'tick', '--now', '2026-12-11T09:05:00Z')
const queued = outboxRows(office)
await check('the tick queued the 8 emails of 11 December 09:05 and could not deliver them', () => {
  assert.equal(queued.length, 8, tick.stderr.toString())
  assert.ok(queued.every((row) => row.state === 'failed_temporary'), JSON.stringify(queued.map((r) => r.state)))
})
const [retried, cancelled, untouched] = queued.map((row) => row.id).sort((a, b) => b - a)

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await adminContext.newPage()
  watch(page, errors)
  const admin = await accountSignedIn(office, page, url, {
    user: 'mo.mailadmin@council.example', role: 'administrator', name: 'Mo Mailadmin', password: 'a kettle of slow green fish'
  })

  // 1. The outbox in words.
  const response = await page.goto(url + 'mail')
  await ready(page)
  const outbox = await page.locator('table').first().innerText()
  await check('the Mail page lists the 8 emails in words: to whom, about what, the state and why', async () => {
    assert.equal(response.status(), 200)
    assert.equal(response.headers()['cache-control'], 'no-store')
    assert.equal(await page.locator('table').first().locator('tbody tr').count(), 8)
    assert.match(outbox, /Reminder to a presenter/)
    assert.match(outbox, /Missing papers, to the team manager/)
    assert.match(outbox, /permanence, Tuesday 15 December 2026, case LCS9001\d\d/)
    assert.match(outbox, /waiting to try again/)
    assert.match(outbox, /could not reach the mail server/)
    assert.match(outbox, /queued \w+day \d+ December 2026 at \d\d:\d\d/)
    assert.equal(await page.locator('[aria-current=page]').filter({ hasText: 'Mail' }).count(), 1)
  })
  const schedule = await page.locator('h2', { hasText: 'The next 14 days' }).locator('xpath=following-sibling::*[1]').innerText()
  await check('the next 14 days are shown (rows while the sample sittings are ahead)', () => {
    if (Date.now() < Date.parse('2026-12-14T00:00:00Z')) assert.match(schedule, /What the tick will send/)
    else assert.match(schedule, /Nothing is due to be sent in the next 14 days/)
  })
  await noViolations(page)
  await shoot(page, 'mail')

  // 2. The filter by state.
  await page.getByRole('link', { name: 'Delivered (0)' }).click()
  await ready(page)
  await check('the Delivered filter shows none, in words, and marks itself current', async () => {
    assert.match(await page.locator('main').innerText(), /No emails are delivered in the outbox/)
    assert.equal(await page.locator('.moj-sub-navigation__link[aria-current=page]').innerText(), 'Delivered (0)')
  })
  await noViolations(page)
  await page.getByRole('link', { name: 'Waiting (8)' }).click()
  await ready(page)
  await check('the Waiting filter shows the 8', async () => {
    assert.equal(await page.locator('table').first().locator('tbody tr').count(), 8)
  })
  await shoot(page, 'mail-waiting')

  // 3. Send one again.
  await page.getByRole('button', { name: `Send again email ${retried}`, exact: true }).click()
  await ready(page)
  await check('sending again says so and the row is queued again in the outbox', async () => {
    assert.match(await page.locator('.govuk-notification-banner').innerText(), new RegExp(`email ${retried} to .* will be sent again`))
    assert.equal(stateOf(office, retried), 'queued')
  })
  await noViolations(page)
  await shoot(page, 'mail-retried')

  // 4. Cancel one with the keyboard alone, through "Are you sure".
  await page.goto(url + 'mail')
  await ready(page)
  await tabTo(page, new RegExp(`^Cancel\\s+email ${cancelled}$`))
  await page.keyboard.press('Enter')
  await page.waitForURL(url + `mail/${cancelled}/cancel`)
  await ready(page)
  await check('the cancel link leads to "Are you sure", which changes nothing yet', async () => {
    assert.equal((await page.locator('h1').innerText()).trim(), 'Are you sure you want to cancel this email?')
    assert.equal(stateOf(office, cancelled), 'failed_temporary')
  })
  await noViolations(page)
  await shoot(page, 'mail-cancel')
  await tabTo(page, /^Yes, cancel this email$/)
  await page.keyboard.press('Enter')
  await page.waitForURL(new RegExp(`/mail\\?done=cancelled&email=${cancelled}$`))
  await ready(page)
  await check('the keyboard cancel says so and the row is cancelled in the outbox', async () => {
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /is cancelled: it will not be sent/)
    assert.equal(stateOf(office, cancelled), 'cancelled')
  })

  // 5. An email that cannot be sent again: a message, nothing changed.
  const token = await page.locator('input[name=csrf_token]').first().inputValue()
  await page.evaluate(({ id, csrf }) => {
    const form = document.createElement('form')
    form.method = 'post'
    form.action = `/mail/${id}/retry`
    const input = document.createElement('input')
    input.type = 'hidden'
    input.name = 'csrf_token'
    input.value = csrf
    form.append(input)
    document.body.append(form)
    form.submit()
  }, { id: cancelled, csrf: token })
  await page.waitForURL(new RegExp(`/mail\\?problem=retry&email=${cancelled}`))
  await ready(page)
  await check('sending a cancelled email again is refused on the page, and it stays cancelled', async () => {
    assert.match(await page.locator('.govuk-error-summary').innerText(),
      new RegExp(`email ${cancelled} to .* is cancelled, so it cannot be sent again.*Nothing was changed`))
    assert.equal(stateOf(office, cancelled), 'cancelled')
  })
  await noViolations(page)
  await shoot(page, 'mail-problem')
  const cancelGone = await page.goto(url + `mail/${cancelled}/cancel`)
  await ready(page)
  await check('"Are you sure" for an email already cancelled goes back with the message', async () => {
    assert.equal(cancelGone.status(), 200)
    assert.match(page.url(), /problem=cancel/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /cannot be cancelled/)
  })
  const noSuch = await page.goto(url + 'mail/99999/cancel')
  await check('an email that does not exist is 404', () => assert.equal(noSuch.status(), 404))

  // 6. No CSRF token: 403, nothing changed.
  const forged = await adminContext.request.post(url + `mail/${untouched}/cancel`, { form: { csrf_token: 'forged' }, maxRedirects: 0 })
  await check('a cancel POST without the CSRF token is 403 and the email is not cancelled', () => {
    assert.equal(forged.status(), 403)
    assert.equal(stateOf(office, untouched), 'failed_temporary')
  })

  // 7. A viewer reads the mail but changes nothing.
  const viewerPage = await pageSignedInAs(browser, office, url, errors, {
    user: 'val.viewer@council.example', role: 'viewer', name: 'Val Viewer', password: 'seven quiet owls at noon'
  })
  await viewerPage.goto(url + 'mail')
  await ready(viewerPage)
  await check('a viewer sees the outbox without buttons or cancel links', async () => {
    assert.equal(await viewerPage.locator('table').first().locator('tbody tr').count(), 8)
    assert.equal(await viewerPage.getByRole('button', { name: /Send again/ }).count(), 0)
    assert.equal(await viewerPage.getByRole('link', { name: /^Cancel email/ }).count(), 0)
  })
  await noViolations(viewerPage)
  await viewerPage.goto(url + 'change-password')
  const viewerToken = await viewerPage.locator('input[name=csrf_token]').first().inputValue()
  const viewerPost = await viewerPage.context().request.post(url + `mail/${untouched}/retry`, { form: { csrf_token: viewerToken }, maxRedirects: 0 })
  const viewerConfirm = await viewerPage.goto(url + `mail/${untouched}/cancel`)
  await check("a viewer's retry POST and the cancel page are 403, and nothing changed", () => {
    assert.equal(viewerPost.status(), 403)
    assert.equal(viewerConfirm.status(), 403)
    assert.equal(stateOf(office, untouched), 'failed_temporary')
  })

  // 8. The audit in words and London times, filtered.
  await page.goto(url + 'admin/audit')
  await ready(page)
  const auditText = await page.locator('table').innerText()
  await check('the audit says what happened in words, with London times', () => {
    assert.match(auditText, /Sent an email again\s+mail_retry\s+email \d+\s+Done/)
    assert.match(auditText, /Cancelled an email\s+mail_cancel/)
    assert.match(auditText, /Sent an email again: not possible in the email's state/)
    assert.match(auditText, /Viewed the mail/)
    assert.match(auditText, /Page refused: not allowed for this role/)
    assert.match(auditText, /Form refused: its security token was missing or wrong/)
    assert.match(auditText, /\w+day \d{1,2} \w+ 20\d\d at \d\d:\d\d \((GMT|BST)\)/)
    assert.doesNotMatch(auditText, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/)
  })
  await noViolations(page)
  await shoot(page, 'audit')
  await page.locator('#action').selectOption('mail_cancel')
  await page.getByRole('button', { name: 'Show these rows' }).click()
  await ready(page)
  const onlyCancel = await page.locator('table tbody').innerText()
  await check('filtering by action shows only that action', async () => {
    assert.equal(await page.locator('table tbody tr').count(), 1)
    assert.match(onlyCancel, new RegExp(`Cancelled an email\\s+mail_cancel\\s+email ${cancelled}`))
  })
  await shoot(page, 'audit-filtered')
  await page.goto(url + 'admin/audit?person=val.viewer%40council.example&action=page_refused')
  await ready(page)
  await check('filtering by person and action finds the viewer\'s two refusals', async () => {
    assert.equal(await page.locator('table tbody tr').count(), 2)
    assert.match(await page.locator('table tbody').innerText(), /val\.viewer@council\.example/)
  })
  await page.goto(url + 'admin/audit?to=2000-01-01')
  await ready(page)
  await check('rows before a date long past: none', async () => {
    assert.match(await page.locator('main').innerText(), /No audit rows match these filters/)
  })
  await page.goto(url + 'admin/audit?from=32%2F13%2F2026')
  await ready(page)
  await check('a date that does not read is an error beside its field', async () => {
    assert.match(await page.locator('#from-date-error').innerText(), /Enter the from date as day\/month\/year/)
    assert.equal(await page.locator('#from-date').inputValue(), '32/13/2026')
  })
  await noViolations(page)
  await shoot(page, 'audit-error')
  const today = new Date()
  const ddmmyyyy = `${today.getUTCDate()}/${today.getUTCMonth() + 1}/${today.getUTCFullYear()}`
  await page.goto(url + `admin/audit?from=${encodeURIComponent(ddmmyyyy)}&action=mail_retry`)
  await ready(page)
  await check("from today's date (day/month/year) finds the two retries", async () => {
    assert.equal(await page.locator('table tbody tr').count(), 2)
  })

  // Paging: 50 rows a page; page 2 holds the rest (the rows so far counted by the CLI's CSV).
  const total = users(office, 'audit', '--csv').split('\r\n').filter((line) => line).length - 1
  await page.goto(url + 'admin/audit?page=2')
  await ready(page)
  await check('page 2 of the audit holds the rows after the first 50, with a Previous link', async () => {
    const rows = await page.locator('table tbody tr').count()
    assert.equal(rows, Math.max(0, Math.min(50, total + 1 - 50)))
    assert.equal(await page.locator('.govuk-pagination__prev a').getAttribute('href'), '/admin/audit?page=1')
  })
  await noViolations(page)

  // 9. The CSV download matches the command line's export, and is itself audited.
  await page.goto(url + 'admin/audit?action=mail_retry')
  await ready(page)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download as CSV/ }).click()])
  const csv = fs.readFileSync(await download.path(), 'utf8')
  const command = users(office, 'audit', '--csv', '--action', 'mail_retry')
  await check('the CSV downloads with the filter and its rows are the command line\'s', () => {
    assert.equal(download.suggestedFilename(), 'panelpack-audit.csv')
    assert.equal(csv, command)
    assert.equal(csv.split('\r\n').filter((line) => line).length, 3)
    assert.match(csv, /^id,time,actor,action,object_kind,object_id,outcome,client,detail\r\n/)
  })
  const exported = users(office, 'audit', '--action', 'audit_export')
  await check('the export is in the audit, with its filter, in words on the command line too', () => {
    assert.match(exported, new RegExp(`${admin.user.replace(/\./g, '\\.')}\\s+audit_export\\s+audit action=mail_retry`))
    assert.match(exported, /Downloaded the audit as CSV/)
  })
  const viewerCsv = await viewerPage.goto(url + 'admin/audit.csv')
  await check('a viewer cannot download the audit (403)', () => assert.equal(viewerCsv.status(), 403))

  // The 404 and 403 pages asked for above are logged by Chromium as failed loads: expected.
  const unexpected = errors.filter((text) => !/^Failed to load resource: .* (403|404) /.test(text))
  await check('no script error or CSP refusal on any page', () => assert.deepEqual(unexpected, []))
} finally {
  await shutDown(browser, server)
}
passed()
