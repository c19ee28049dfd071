// The Mailbox page (issue 15) in a browser against a copy of the sample office, with three papers
// kept unmatched by the office's own add_unmatched (mailbox_seed) and the submission mailbox set
// to a loopback port where nothing listens: Today's card says "3 papers from the mailbox wait to
// be placed" and the menu counts them; the page lists them with intake's guesses chosen; an
// administrator assigns the guessed one with the keyboard alone (Tab to Assign, Enter): the
// bookings file records the chronology of LCS900108 received at the arrival time, the file is
// in papers/, the row is gone, the sender's reply is in the outbox; a second browser's form
// opened before says "assigned already" and nothing changes; a form sent without choices is
// refused beside its fields; a download and each assignment are in the audit; "Check the
// mailbox now" with the mailbox down says so in words, and Today shows it; a viewer reads the
// list without forms; a member is refused. axe finds no violation in any state; screenshots go
// to PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import {
  check, launchChromium, noViolations, pageSignedInAs, passed, ready, sampleOffice, shoot,
  shutDown, source, startServer, tabTo, users
} from './console_harness.mjs'

const seedTool = process.env.PANELPACK_MAILBOX_SEED
assert.ok(seedTool, 'set PANELPACK_MAILBOX_SEED (the mailbox_seed tool CTest builds)')
const office = sampleOffice('panelpack-mailbox-')
const docx = path.join(source, 'templates', 'report.docx')
const bookingsFile = path.join(office, 'bookings', 'permanence', '2026-12-15.json')

// A port on loopback where nothing listens: the mailbox is down.
const downPort = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address()
    probe.close(() => resolve(port))
  })
})
{
  const json = JSON.parse(fs.readFileSync(path.join(office, 'office.json'), 'utf8'))
  json.mail.intake.port = downPort
  fs.writeFileSync(path.join(office, 'office.json'), JSON.stringify(json, null, 2) + '\n')
}

// Keeps one paper as intake does; its entry id.
function seed (arrived, from, subject, filename, reason, guessedCase = '', guessedType = '') {
  const run = spawnSync(seedTool, [office, arrived, from, subject, filename, docx, reason, guessedCase, guessedType])
  assert.equal(run.status, 0, run.stderr.toString())
  return run.stdout.toString().trim()
}
const guessed = seed('2026-12-01T10:15:00Z', 'leah.social@northbridge.example.org', 'Chronology for LCS900108',
  'LCS900108 chronology.docx', 'the sender is not a presenter of LCS900108', 'LCS900108', 'chronology')
const unknown = seed('2026-12-02T08:30:00Z', 'tom.worker@northbridge.example.org', 'Papers for next week',
  'report.docx', 'no case reference found')
const third = seed('2026-12-03T09:00:00Z', 'tom.worker@northbridge.example.org', 'Care plan',
  'care plan.docx', 'no case reference found', '', 'care-plan')

// The outbox's intake replies, read with Python's sqlite3 (the office's real database).
function replies () {
  const run = spawnSync('/usr/bin/python3', ['-c', `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT idempotency_key, recipient, subject FROM outbox WHERE idempotency_key LIKE 'intake_reply|%' ORDER BY id").fetchall()
print(json.dumps(rows))`, path.join(office, 'panelpack.db')])
  assert.equal(run.status, 0, run.stderr.toString())
  return JSON.parse(run.stdout.toString())
}
const chronologiesOf108 = () => JSON.parse(fs.readFileSync(bookingsFile, 'utf8')).items
  .find((item) => item.caseRef === 'LCS900108').papers?.filter((paper) => paper.type === 'chronology') ?? []

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const admin = await pageSignedInAs(browser, office, url, errors, { user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' }, { acceptDownloads: true })

  // 1. Today's card and the menu's count.
  await admin.goto(url + 'today')
  await ready(admin)
  await check('Today says 3 papers wait to be placed, with a link to the mailbox', async () => {
    const card = admin.locator('#mailbox-card')
    assert.match(await card.innerText(), /3 papers from the mailbox wait to be placed/)
    assert.equal(await card.getByRole('link', { name: 'Go to the mailbox' }).getAttribute('href'), '/mailbox')
  })
  await check('the menu says Mailbox with 3 waiting, on one line at 1280 pixels (Change password is in the header)', async () => {
    const link = admin.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: /Mailbox/ })
    assert.equal((await link.textContent()).replace(/\s+/g, ' ').trim(), 'Mailbox 3 waiting')
    const tops = await admin.locator('#navigation > li').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)))
    assert.equal(new Set(tops).size, 1, `menu items on ${new Set(tops).size} lines`)
    assert.equal(await admin.locator('header').getByRole('link', { name: 'Change password' }).getAttribute('href'), '/change-password')
  })
  await noViolations(admin, 'Today with papers waiting')
  await admin.locator('#mailbox-card').screenshot({ path: path.join(process.env.PANELPACK_ARTEFACTS, 'console-mailbox-today.png') })

  // 2. The list, with intake's guesses chosen.
  await admin.goto(url + 'mailbox')
  await ready(admin)
  const rows = (page) => page.locator('#unmatched-papers tbody tr')
  await check('the table keeps inside the page at 1280 pixels', async () => {
    const [table, page] = await Promise.all([admin.locator('#unmatched-papers').boundingBox(), admin.locator('main').boundingBox()])
    assert.ok(table.x + table.width <= page.x + page.width + 1, `the table ends at ${table.x + table.width}, the page at ${page.x + page.width}`)
  })
  await check('the page lists the three papers oldest first, with why each was not placed', async () => {
    assert.equal(await rows(admin).count(), 3)
    const first = await rows(admin).nth(0).innerText()
    assert.match(first, /leah\.social@northbridge\.example\.org/)
    assert.match(first, /Chronology for LCS900108/)
    assert.match(first, /LCS900108 chronology\.docx/)
    assert.match(first, /the sender is not a presenter of LCS900108/)
    assert.match(first, /Tuesday 1 December 2026 at 10:15/)
    assert.match(await admin.locator('#last-check').evaluate((h) => h.nextElementSibling.innerText), /not been read yet/)
  })
  await check('the guessed booking and paper are chosen; none where intake had no guess', async () => {
    const booking = admin.locator(`#booking-${guessed}`)
    assert.equal(await booking.inputValue(), 'permanence/2026-12-15/LCS900108')
    assert.match(await booking.locator('option:checked').innerText(), /^LCS900108 \(\w+\) — .+, Tuesday 15 December 2026$/)
    assert.equal(await admin.locator(`#paper-${guessed}`).inputValue(), 'chronology')
    assert.equal(await admin.locator(`#booking-${unknown}`).inputValue(), '')
    assert.equal(await admin.locator(`#paper-${unknown}`).inputValue(), '')
    assert.equal(await admin.locator(`#paper-${third}`).inputValue(), 'care-plan')
  })
  await noViolations(admin, 'the Mailbox page with three papers')
  await shoot(admin, 'mailbox')

  // A second administrator's browser opens the page now, before the assignment.
  const other = await pageSignedInAs(browser, office, url, errors, { user: 'bo.admin@council.example', role: 'administrator', name: 'Bo Admin', password: 'a second kettle of fish' })
  await other.goto(url + 'mailbox')
  await ready(other)

  // 3. Two clicks' worth, by keyboard alone: the guesses are right, so Tab to Assign and Enter.
  await tabTo(admin, { id: `assign-${guessed}` })
  await admin.keyboard.press('Enter')
  await admin.waitForURL(/assigned_case=LCS900108/)
  await ready(admin)
  await check('the banner says the chronology is recorded on time and the sender told; the row is gone', async () => {
    assert.match(await admin.locator('.govuk-notification-banner').innerText(), /The Chronology is recorded on LCS900108 \(on time\); the sender is told/i)
    assert.equal(await rows(admin).count(), 2)
    assert.equal(await admin.locator(`#paper-row-${guessed}`).count(), 0)
  })
  await noViolations(admin, 'the Mailbox page after an assignment')
  await check('the bookings file records it received at the arrival time, the file in papers/', () => {
    const recorded = chronologiesOf108()
    assert.equal(recorded.length, 1)
    assert.equal(new Date(recorded[0].receivedAt).toISOString(), '2026-12-01T10:15:00.000Z')
    assert.equal(recorded[0].file, 'papers/LCS900108/chronology-2026-12-01-101500.docx')
    assert.deepEqual(fs.readFileSync(path.join(office, recorded[0].file)), fs.readFileSync(docx))
    assert.ok(fs.existsSync(path.join(office, 'intake', 'assigned', guessed, 'entry.json')))
  })
  await check('the sender\'s acknowledgement is in the outbox, once, its subject naming the case', () => {
    const queued = replies()
    assert.equal(queued.length, 1)
    assert.equal(queued[0][1], 'leah.social@northbridge.example.org')
    assert.match(queued[0][2], /LCS900108/)
    assert.doesNotMatch(queued[0][2], /Thornbury|Leah T/)
  })

  // 4. The second browser's form, opened before: assigned already, nothing changes.
  const bookingsBefore = fs.readFileSync(bookingsFile, 'utf8')
  await other.locator(`#assign-${guessed}`).click()
  await other.waitForLoadState()
  await ready(other)
  await check('the stale form says the paper was assigned already; nothing is recorded again', async () => {
    assert.match(await other.locator('.govuk-error-summary').innerText(), /This paper was assigned already, so nothing was changed/)
    assert.equal(await rows(other).count(), 2)
    assert.equal(fs.readFileSync(bookingsFile, 'utf8'), bookingsBefore)
    assert.equal(replies().length, 1)
  })
  await noViolations(other, 'a stale assign refused')
  await shoot(other, 'mailbox-assigned-already')

  // 5. No choice made: refused beside the fields; then chosen and placed.
  await admin.locator(`#assign-${unknown}`).click()
  await admin.waitForLoadState()
  await ready(admin)
  await check('Assign without a choice names both fields, beside them and in the summary', async () => {
    const summary = await admin.locator('.govuk-error-summary').innerText()
    assert.match(summary, /Choose the booking the paper belongs to/)
    assert.match(summary, /Choose which paper it is/)
    assert.match(await admin.locator(`#booking-${unknown}-error`).innerText(), /Choose the booking/)
    assert.match(await admin.locator(`#paper-${unknown}-error`).innerText(), /Choose which paper/)
    assert.equal(await admin.locator('.govuk-error-summary a').first().getAttribute('href'), `#booking-${unknown}`)
  })
  await noViolations(admin, 'an assign refused beside its fields')
  await shoot(admin, 'mailbox-errors')
  await admin.locator(`#booking-${unknown}`).selectOption('permanence/2026-12-15/LCS900108')
  await admin.locator(`#paper-${unknown}`).selectOption('care-plan')
  await admin.locator(`#assign-${unknown}`).click()
  await admin.waitForURL(/assigned_case=LCS900108/)
  await ready(admin)
  await check('chosen by hand, it is placed as a care plan, the list down to one', async () => {
    assert.match(await admin.locator('.govuk-notification-banner').innerText(), /Care plan is recorded on LCS900108/i)
    assert.equal(await rows(admin).count(), 1)
    assert.equal(replies().length, 2)
  })

  // 6. A download, and the audit.
  await check('the file downloads as it came', async () => {
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.locator(`#paper-row-${third} a[download]`).click()])
    assert.equal(download.suggestedFilename(), 'care plan.docx')
    assert.deepEqual(fs.readFileSync(await download.path()), fs.readFileSync(docx))
  })
  await check('the audit has the views, the download and each assignment with its detail', () => {
    const audit = users(office, 'audit', '--csv')
    assert.match(audit, /paper_assigned.*LCS900108 chronology/)
    assert.match(audit, /paper_assigned.*assigned_already/)
    assert.match(audit, /paper_assigned.*LCS900108 care-plan/)
    assert.match(audit, new RegExp(`download,mailbox,${third}`))
    assert.match(audit, /view,mailbox/)
    assert.doesNotMatch(audit, /Chronology for LCS900108|Care plan,/)
  })

  // 7. Check the mailbox now, with the mailbox down.
  await tabTo(admin, { id: 'check-now' })
  await admin.keyboard.press('Enter')
  await admin.waitForLoadState()
  await ready(admin)
  await check('a mailbox that is down is an error in words, and the paper still waits', async () => {
    const summary = await admin.locator('.govuk-error-summary').innerText()
    assert.match(summary, /The mailbox could not be read/)
    assert.match(summary, new RegExp(`127\\.0\\.0\\.1:${downPort}`))
    assert.match(summary, /Nothing is lost/)
    assert.equal(await rows(admin).count(), 1)
  })
  await noViolations(admin, 'the mailbox down')
  await shoot(admin, 'mailbox-down')
  await admin.goto(url + 'today')
  await ready(admin)
  await check('Today shows the failed reading and the paper waiting', async () => {
    const card = await admin.locator('#mailbox-card').innerText()
    assert.match(card, /The mailbox could not be read/)
    assert.match(card, /1 paper from the mailbox waits to be placed/)
  })
  await noViolations(admin, 'Today with the mailbox down')

  // 8. Roles: a viewer reads without forms; a member is refused.
  const viewer = await pageSignedInAs(browser, office, url, errors, { user: 'vi.viewer@council.example', role: 'viewer', name: 'Vi Viewer', password: 'a viewer of quiet rivers' })
  await viewer.goto(url + 'mailbox')
  await ready(viewer)
  await check('a viewer sees the list with no Assign and no Check now', async () => {
    assert.equal(await rows(viewer).count(), 1)
    assert.equal(await viewer.getByRole('button', { name: /Assign|Check the mailbox now/ }).count(), 0)
  })
  await noViolations(viewer, 'the Mailbox page for a viewer')
  const member = await pageSignedInAs(browser, office, url, errors, { user: 'mo.member@council.example', role: 'member', name: 'Mo Member', password: 'a member of the long table', extra: ['--panel', 'permanence'] })
  const refused = await member.goto(url + 'mailbox')
  await check('a member is refused the page', () => {
    assert.equal(refused.status(), 403)
  })

  // The refusals above answer 409, 400, 503 and 403 on purpose; anything else is a fault.
  const expected = /^Failed to load resource: the server responded with a status of (409|400|503|403) /
  await check('no page had a script error', () => assert.deepEqual(errors.filter((e) => !expected.test(e)), []))
} finally {
  await shutDown(browser, server)
}
passed()
