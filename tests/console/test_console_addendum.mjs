// The Pack page's addendum in the browser: `panelpack tick` circulates the 15 December pack of
// a copy of the sample office (the relay is not there: the emails wait in the outbox); the
// administrator takes LCS900102 off the sitting on the Sitting page; the Pack page then warns
// that the pack changed since it was circulated, saying what changed, and offers "Send an
// addendum to the members". A viewer sees no button and their POST is 403; a POST without the
// CSRF token is 403 and queues nothing. Pressed with the keyboard alone, the addendum is built
// on a background job (its progress page), queued in the outbox SQLite to the people the pack
// went to under tick's keys, its zip holds the new agenda; the page lists the addendum's emails
// and offers its zip (audited download), the button is gone; pressing again and the next tick
// queue no addendum again. axe finds no WCAG 2.2 A/AA violation; screenshots go to
// PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  axeViolations, binary, check, launchChromium, pageSignedInAs, passed, ready, sampleOffice,
  shoot, startServer, tabTo, users, shutDown
} from './console_harness.mjs'

const office = sampleOffice('panelpack-addendum-')
const sitting = 'sittings/permanence/2026-12-15'
const addendumFolder = path.join(office, 'packs', 'permanence', '2026-12-15-addendum-1')
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'panelpack-addendum-downloads-'))

// The outbox's rows as `panelpack outbox list --json` reads them from the SQLite file.
function outboxRows () {
  const run = spawnSync(binary, ['outbox', 'list', '--json', '--office', office])
  assert.equal(run.status, 0, run.stderr.toString())
  return JSON.parse(run.stdout.toString()).rows
}
const rowsOf = (kind) => outboxRows().filter((row) => row.key.startsWith(`${kind}|permanence|2026-12-15|`))
const recipientsOf = (rows) => rows.map((row) => row.recipient).sort()

// A tick at `now`; its exit code, which says 1 when the absent relay made an email fail.
function tick (now) {
  return spawnSync(binary, ['tick', '--office', office, '--now', now]).status
}

// The text of the agenda in an addendum's zip (its document.xml, tags left in).
function agendaText (zip) {
  const agenda = path.join(downloads, 'agenda.docx')
  fs.writeFileSync(agenda, spawnSync('unzip', ['-p', zip, '00-agenda.docx']).stdout)
  return spawnSync('unzip', ['-p', agenda, 'word/document.xml'], { maxBuffer: 64 << 20 }).stdout.toString()
}

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const pageErrors = []

async function noViolations (page, what) {
  await check(`${what} passes axe`, async () => {
    assert.deepEqual(await axeViolations(page), [])
  })
}

try {
  const page = await pageSignedInAs(browser, office, url, pageErrors, { user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' }, { acceptDownloads: true })

  // tick at the pack deadline builds the pack and circulates it.
  assert.equal(tick('2026-12-11T15:00:00Z'), 0)
  const circulation = rowsOf('circulation')
  await page.goto(url + sitting + '/pack')
  await ready(page)
  await check('once circulated and unchanged, the pack page offers no addendum', async () => {
    assert.ok(circulation.length > 0)
    assert.match(await page.locator('#pack-summary').innerText(), /Circulated/)
    assert.equal(await page.locator('#addendum-warning').count(), 0)
    assert.equal(await page.locator('#send-addendum').count(), 0)
  })

  // The sitting changes through the console: LCS900102 comes off.
  await page.goto(url + sitting)
  await ready(page)
  await page.getByRole('button', { name: 'Remove LCS900102' }).click()
  await ready(page)
  const bookingsFile = path.join(office, 'bookings', 'permanence', '2026-12-15.json')
  await check('the Sitting page takes LCS900102 off', () => {
    const booked = JSON.parse(fs.readFileSync(bookingsFile, 'utf8')).items.map((item) => item.caseRef)
    assert.deepEqual(booked, ['LCS900103', 'LCS900108'])
  })

  await page.goto(url + sitting + '/pack')
  await ready(page)
  await check('the pack page warns that the pack changed since it was circulated, saying what changed, and offers the addendum', async () => {
    const warning = await page.locator('#addendum-warning').innerText()
    assert.match(warning, /The pack changed since it was circulated on \w+day \d+ \w+ 2026 at \d\d:\d\d: LCS900102 taken off; LCS900103 moved from/)
    assert.equal(await page.locator('#send-addendum').innerText(), 'Send an addendum to the members')
    assert.equal(rowsOf('addendum').length, 0)
  })
  await noViolations(page, 'the pack page offering an addendum')
  await shoot(page, 'pack-addendum')

  // A viewer sees the warning but no button, and their POST (with their own token) is 403.
  const viewer = await pageSignedInAs(browser, office, url, pageErrors, { user: 'vic.viewer@council.example', role: 'viewer', name: 'Vic Viewer', password: 'seven quiet owls at noon' })
  await viewer.goto(url + 'change-password')
  const viewerToken = await viewer.locator('input[name=csrf_token]').first().getAttribute('value')
  await viewer.goto(url + sitting + '/pack')
  await ready(viewer)
  const viewerPost = await viewer.context().request.post(url + sitting + '/pack/addendum', { form: { csrf_token: viewerToken }, maxRedirects: 0 })
  await check('a viewer sees no addendum button and their POST is 403, queueing nothing', async () => {
    assert.equal(await viewer.locator('#addendum-warning').count(), 1)
    assert.equal(await viewer.locator('#send-addendum').count(), 0)
    assert.equal(viewerPost.status(), 403)
    assert.equal(rowsOf('addendum').length, 0)
  })
  await noViolations(viewer, 'the pack page for a viewer')

  // A POST without the CSRF token is refused.
  const forged = await page.context().request.post(url + sitting + '/pack/addendum', { form: { csrf_token: 'forged' }, maxRedirects: 0 })
  await check('an addendum POST without the CSRF token is 403 and queues nothing', () => {
    assert.equal(forged.status(), 403)
    assert.equal(rowsOf('addendum').length, 0)
    assert.equal(fs.existsSync(addendumFolder), false)
  })

  // Sent with the keyboard alone: Tab to the button, Enter.
  await tabTo(page, { id: 'send-addendum' })
  await page.keyboard.press('Enter')
  await page.waitForURL(url + sitting + '/pack/addendum/progress')
  // The script polls and loads the page again when the job ends.
  await page.waitForFunction(() => ['done', 'busy', 'failed'].includes(document.querySelector('[data-pack-state]')?.dataset.packState), null, { timeout: 120000 })
  await ready(page)
  const addendum = rowsOf('addendum')
  await check('the progress page says the addendum is queued, to how many people', async () => {
    assert.equal(await page.locator('.govuk-panel__title').innerText(), 'Addendum queued')
    assert.match(await page.locator('#pack-progress').innerText(), new RegExp(`Addendum 1 is queued to ${circulation.length} people`))
  })
  await noViolations(page, 'the addendum progress page at its end')
  await shoot(page, 'pack-addendum-sent')

  await check('the outbox holds one addendum row for each person the pack went to, under the key tick gives it', () => {
    assert.deepEqual(recipientsOf(addendum), recipientsOf(circulation))
    for (const row of addendum) {
      assert.match(row.key, /^addendum\|permanence\|2026-12-15\|agenda#1-[0-9a-f]{8}\|/)
      assert.equal(row.state, 'queued')
    }
  })
  const zip = path.join(addendumFolder, 'permanence-2026-12-15-addendum-1.zip')
  await check('the addendum zip holds the new agenda: LCS900103 and LCS900108, not LCS900102', () => {
    assert.match(spawnSync('unzip', ['-l', zip]).stdout.toString(), /00-agenda\.docx/)
    const text = agendaText(zip)
    assert.match(text, /LCS900103/)
    assert.match(text, /LCS900108/)
    assert.doesNotMatch(text, /LCS900102/)
  })

  // Back on the pack page: the addendum listed, no button any more, its zip offered.
  await page.locator('#back-to-pack').click()
  await page.waitForURL(url + sitting + '/pack')
  await ready(page)
  await check('the pack page lists the addendum sent, to whom, and offers no button any more', async () => {
    const table = await page.locator('#pack-addenda').innerText()
    for (const row of addendum) assert.ok(table.includes(row.recipient), row.recipient)
    assert.match(table, /waiting/)
    assert.equal(await page.locator('#send-addendum').count(), 0)
    assert.equal(await page.locator('#addendum-warning').count(), 0)
  })
  await noViolations(page, 'the pack page with an addendum sent')
  await shoot(page, 'pack-addendum-listed')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download addendum 1/ }).click()])
  const saved = path.join(downloads, download.suggestedFilename())
  await download.saveAs(saved)
  await check('the addendum zip downloads under its name, and the download is audited', () => {
    assert.equal(download.suggestedFilename(), 'permanence-2026-12-15-addendum-1.zip')
    assert.equal(fs.readFileSync(saved).subarray(0, 2).toString(), 'PK')
    assert.match(users(office, 'audit', '--action', 'download'), /permanence\/2026-12-15\/addendum-1\/zip/)
    assert.match(users(office, 'audit', '--action', 'addendum_send'), /permanence\/2026-12-15/)
  })

  // Pressing again (a stale page) queues nothing, and says why.
  const token = await page.locator('input[name=csrf_token]').first().getAttribute('value')
  const again = await page.context().request.post(url + sitting + '/pack/addendum', { form: { csrf_token: token }, maxRedirects: 0 })
  assert.equal(again.status(), 303)
  await page.goto(url + sitting + '/pack/addendum/progress')
  await page.waitForFunction(() => document.querySelector('[data-pack-state]')?.dataset.packState !== 'running', null, { timeout: 60000 })
  await ready(page)
  await check('pressing again queues nothing and says the members have the agenda already', async () => {
    assert.match(await page.locator('#pack-progress').innerText(), /The addendum was not sent: .* is still the sitting's agenda/)
    assert.equal(rowsOf('addendum').length, addendum.length)
  })
  await noViolations(page, 'the addendum progress page refusing')

  // The next tick sends the presenters their corrections, and the members nothing again (the
  // addendum's emails, queued days "before" this tick, are given up: 1, not 3).
  const later = tick('2026-12-11T16:00:00Z')
  await check('the next tick queues no addendum again', () => {
    assert.ok(later === 0 || later === 1, `tick exited ${later}`)
    assert.equal(rowsOf('addendum').length, addendum.length)
    assert.ok(rowsOf('correction').length > 0)
    assert.equal(fs.existsSync(path.join(office, 'packs', 'permanence', '2026-12-15-addendum-2')), false)
  })

  // A member of the panel downloads the addendum too; a member of another panel may not.
  const member = await pageSignedInAs(browser, office, url, pageErrors, { user: 'mo.member@council.example', role: 'member', name: 'Mo Member', password: 'nine brass bells ringing', extra: ['--panel', 'permanence'] })
  const memberZip = await member.context().request.get(url + sitting + '/pack/addendum/1/zip')
  const other = await pageSignedInAs(browser, office, url, pageErrors, { user: 'oz.other@council.example', role: 'member', name: 'Oz Other', password: 'four green hills far away', extra: ['--panel', 'aep'] })
  const otherZip = await other.context().request.get(url + sitting + '/pack/addendum/1/zip')
  await check("the panel's member downloads the addendum; another panel's member gets 403", async () => {
    assert.equal(memberZip.status(), 200)
    assert.equal(otherZip.status(), 403)
  })

  await check('the pages ran without a script error or a CSP refusal', () => {
    assert.deepEqual(pageErrors.filter((text) => !/40[34]/.test(text)), [])
  })
} finally {
  await shutDown(browser, server)
}
fs.rmSync(office, { recursive: true, force: true })
fs.rmSync(downloads, { recursive: true, force: true })
passed()
