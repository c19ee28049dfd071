// Today and the Calendar through the browser, against a copy of the sample office. An
// administrator starts at Today (what needs attention, the next sittings with their deadlines,
// today's mail), its view audited; reads the Calendar month by month with a panel filter; adds
// an extra sitting with the keyboard alone, cancels one and moves one, and office.json and the
// audit show each; a date that is not real is said beside its field and changes nothing; a
// stale form is refused; a POST without the CSRF token is 403. A viewer reads both pages, sees
// no change form, and a POST of theirs is 403. axe finds no violation on each page and error
// state; screenshots go to PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {
  launchChromium, pageSignedInAs, axeViolations, check, passed, ready, sampleOffice, shoot,
  startServer, users, shutDown
} from './console_harness.mjs'

const office = sampleOffice('panelpack-today-')
const officeJson = path.join(office, 'office.json')
const permanence = () => JSON.parse(fs.readFileSync(officeJson, 'utf8')).panels.find((p) => p.id === 'permanence')

// Dates the test changes, worked out from today so it keeps working: the permanence panel sits
// every other Tuesday from 2026-01-13; its sample bookings end in January 2027.
const iso = (date) => date.toISOString().slice(0, 10)
const day = 24 * 3600 * 1000
const earliest = Math.max(Date.now() + 40 * day, Date.UTC(2027, 1, 1))
let cadence = Date.UTC(2026, 0, 13)
while (cadence < earliest) cadence += 14 * day
const toCancel = iso(new Date(cadence))
const toMove = iso(new Date(cadence + 14 * day))
const movedTo = iso(new Date(cadence + 16 * day))    // the Thursday after
const extra = iso(new Date(cadence + 1 * day))       // the Wednesday after the cancelled one
const month = toCancel.slice(0, 7)

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const page = await pageSignedInAs(browser, office, url, errors, {
    user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish'
  })
  await ready(page)

  // 1. Today.
  await check('an administrator signed in starts at Today', () => {
    assert.equal(page.url(), url + 'today')
  })
  const today = page.locator('main')
  await check('Today shows the groups of what needs attention, the next sittings and the mail', async () => {
    assert.equal((await page.locator('h1').innerText()).trim(), 'Today')
    for (const heading of ['Overdue', 'Due this week', 'Waiting for papers', 'Later']) {
      assert.match(await today.innerText(), new RegExp(heading))
    }
    const links = await page.locator('#next-sittings a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    assert.ok(links.length >= 4, links.join(' '))
    assert.ok(links.every((href) => /^\/sittings\/[a-z]+\/\d{4}-\d{2}-\d{2}$/.test(href)), links.join(' '))
    for (const panel of ['permanence', 'aep', 'pptm']) {
      assert.ok(links.some((href) => href.startsWith(`/sittings/${panel}/`)), panel)
    }
    assert.match(await page.locator('#next-sittings').innerText(), /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} \w+ 20\d\d at \d\d:\d\d/)
    assert.match(await page.locator('#sent-today').innerText(), /Sent today/)
    assert.match(await page.locator('#sending-today').innerText(), /Will be sent today/)
  })
  await check('Today passes axe', async () => { assert.deepEqual(await axeViolations(page), []) })
  await shoot(page, 'today-today')

  // 2. The Calendar: a month, the months either side, a panel filter.
  await page.goto(url + 'calendar?month=2026-12')
  await ready(page)
  await check('the Calendar of December 2026 lists every panel with deadlines and markings', async () => {
    assert.equal((await page.locator('h1').innerText()).trim(), 'December 2026')
    const rows = await page.locator('#sittings tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.sitting))
    assert.ok(rows.includes('permanence/2026-12-15'), rows.join(' '))
    assert.ok(rows.includes('permanence/2026-12-08'), rows.join(' '))
    const cancelled = page.locator('tr[data-sitting="permanence/2026-12-29"]')
    assert.match(await cancelled.innerText(), /Cancelled/)
    assert.match(await cancelled.innerText(), /Council closure between Christmas and New Year/)
    assert.match(await page.locator('tr[data-sitting="permanence/2026-12-08"]').innerText(), /Extra/)
    assert.match(await page.locator('tr[data-sitting="permanence/2026-12-15"]').innerText(), /\d+ cases?/)
    assert.match(await page.locator('tr[data-sitting="permanence/2026-12-15"] a').getAttribute('href'), /^\/sittings\/permanence\/2026-12-15$/)
    assert.equal(await page.locator('#calendar-changes').count(), 1)
  })
  await check('the Calendar passes axe', async () => { assert.deepEqual(await axeViolations(page), []) })
  await shoot(page, 'today-calendar')
  await page.getByRole('link', { name: /Next month/ }).click()
  await ready(page)
  await check('the next month link goes to January 2027', async () => {
    assert.equal((await page.locator('h1').innerText()).trim(), 'January 2027')
  })
  await page.locator('#panel-filter').selectOption('aep')
  await page.getByRole('button', { name: 'Show' }).click()
  await ready(page)
  await check('the panel filter shows one panel only', async () => {
    const rows = await page.locator('#sittings tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.sitting))
    assert.ok(rows.length > 0)
    assert.ok(rows.every((id) => id.startsWith('aep/')), rows.join(' '))
    assert.match(page.url(), /month=2027-01&panel=aep$/)
  })

  // 3. Adding an extra sitting with the keyboard alone.
  await page.goto(url + `calendar?month=${month}`)
  await ready(page)
  for (let tab = 0; tab < 80; tab++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(() => document.activeElement.closest('#add-form') !== null)) break
  }
  await page.keyboard.press('Enter')   // opens "Add an extra sitting"
  await page.keyboard.press('Tab')     // the panel: the permanence panel comes first
  await page.keyboard.press('Tab')
  await page.keyboard.type(extra)
  await page.keyboard.press('Tab')
  await page.keyboard.type('Extra sitting for a sibling group')
  await page.keyboard.press('Enter')
  await page.waitForURL(/done=add/)
  await ready(page)
  await check('the extra sitting is added with the keyboard: office.json, the banner and the table show it', async () => {
    assert.deepEqual(permanence().extraSittings.find((e) => e.date === extra), { date: extra, reason: 'Extra sitting for a sibling group' })
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Sitting added: Northbridge Permanence Panel/)
    assert.match(await page.locator(`tr[data-sitting="permanence/${extra}"]`).innerText(), /Extra/)
  })
  await check('the Calendar after a change passes axe', async () => { assert.deepEqual(await axeViolations(page), []) })
  await shoot(page, 'today-calendar-added')

  // 4. A date that is not real: said beside the field, nothing changed.
  const before = fs.readFileSync(officeJson, 'utf8')
  await page.locator('#add-form summary').click()
  await page.locator('#add-date').fill('2027-02-30')
  await page.locator('#add-reason').fill('A date that does not exist')
  await page.getByRole('button', { name: 'Add the sitting' }).click()
  await ready(page)
  await check('a date that is not real is said beside its field and in the summary, and changes nothing', async () => {
    assert.match(await page.locator('#add-date-error').innerText(), /The date must be a real date, like 2027-01-19/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /must be a real date/)
    assert.equal(await page.locator('#add-date').inputValue(), '2027-02-30')
    assert.equal(fs.readFileSync(officeJson, 'utf8'), before)
  })
  await check('the error state passes axe', async () => { assert.deepEqual(await axeViolations(page), []) })
  await shoot(page, 'today-calendar-error')

  // 5. Cancelling one and moving another.
  await page.goto(url + `calendar?month=${month}`)
  await ready(page)
  await page.locator('#cancel-form summary').click()
  await page.locator('#cancel-panel').selectOption('permanence')
  await page.locator('#cancel-date').fill(toCancel)
  await page.locator('#cancel-reason').fill('Chair on leave')
  await page.getByRole('button', { name: 'Cancel the sitting' }).click()
  await page.waitForURL(/done=cancel/)
  await ready(page)
  await check('a sitting is cancelled with its reason', async () => {
    assert.deepEqual(permanence().cancelled.find((c) => c.date === toCancel), { date: toCancel, name: 'Chair on leave' })
    assert.match(await page.locator(`tr[data-sitting="permanence/${toCancel}"]`).innerText(), /Cancelled/)
  })
  await page.goto(url + `calendar?month=${month}`)
  await ready(page)
  await page.locator('#move-form summary').click()
  await page.locator('#move-date').fill(toMove)
  await page.locator('#move-new-date').fill(movedTo)
  await page.locator('#move-reason').fill('Room not free')
  await page.getByRole('button', { name: 'Move the sitting' }).click()
  await page.waitForURL(/done=move/)
  await ready(page)
  await check('a sitting is moved: its date cancelled and the new one an extra sitting, both with the reason', async () => {
    assert.deepEqual(permanence().cancelled.find((c) => c.date === toMove), { date: toMove, name: 'Room not free' })
    assert.deepEqual(permanence().extraSittings.find((e) => e.date === movedTo), { date: movedTo, reason: 'Room not free' })
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Sitting moved/)
  })

  // 6. A stale form, and a POST without its token.
  await page.goto(url + `calendar?month=${month}`)
  await ready(page)
  const other = await page.context().newPage()
  await other.goto(url + `calendar?month=${month}`)
  await ready(other)
  await other.locator('#add-form summary').click()
  await other.locator('#add-date').fill(iso(new Date(cadence + 2 * day)))
  await other.locator('#add-reason').fill('Changed in another tab')
  await other.getByRole('button', { name: 'Add the sitting' }).click()
  await other.waitForURL(/done=add/)
  const beforeStale = fs.readFileSync(officeJson, 'utf8')
  await page.locator('#add-form summary').click()
  await page.locator('#add-date').fill(iso(new Date(cadence + 3 * day)))
  await page.locator('#add-reason').fill('From a stale page')
  const stale = page.waitForResponse((r) => r.url().endsWith('/calendar/add'))
  await page.getByRole('button', { name: 'Add the sitting' }).click()
  const staleResponse = await stale
  await ready(page)
  await check('a form opened before another change is refused as stale and changes nothing', async () => {
    assert.equal(staleResponse.status(), 409)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /The calendar changed since you opened it/)
    assert.equal(fs.readFileSync(officeJson, 'utf8'), beforeStale)
  })
  await check('the stale state passes axe', async () => { assert.deepEqual(await axeViolations(page), []) })
  const version = await page.locator('#add-form input[name=version]').inputValue()
  const noToken = await page.context().request.post(url + 'calendar/add', {
    form: { panel: 'permanence', date: iso(new Date(cadence + 3 * day)), reason: 'No token', version }, maxRedirects: 0
  })
  await check('a change POST without the CSRF token is 403 and changes nothing', () => {
    assert.equal(noToken.status(), 403)
    assert.equal(fs.readFileSync(officeJson, 'utf8'), beforeStale)
  })
  const audit = users(office, 'audit', '--action', 'calendar_change')
  await check('each change is audited as calendar_change of the sitting', () => {
    for (const id of [extra, toCancel, toMove, movedTo]) assert.match(audit, new RegExp(`permanence/${id}`))
  })
  const views = users(office, 'audit', '--action', 'view')
  await check("Today's view is audited", () => { assert.match(views, /today/) })

  // 7. A viewer reads, changes nothing.
  const viewerPage = await pageSignedInAs(browser, office, url, errors, {
    user: 'vic.viewer@council.example', role: 'viewer', name: 'Vic Viewer', password: 'seven quiet owls at noon'
  })
  await ready(viewerPage)
  await check('a viewer starts at Today too', () => { assert.equal(viewerPage.url(), url + 'today') })
  const token = await viewerPage.locator('input[name=csrf_token]').first().inputValue()
  await viewerPage.goto(url + `calendar?month=${month}`)
  await ready(viewerPage)
  await check('a viewer sees the Calendar without the change forms', async () => {
    assert.equal(await viewerPage.locator('#calendar-changes, #add-form, #cancel-form, #move-form').count(), 0)
    assert.ok(await viewerPage.locator('#sittings tbody tr').count() > 0)
    assert.deepEqual(await axeViolations(viewerPage), [])
  })
  const beforeViewer = fs.readFileSync(officeJson, 'utf8')
  const refused = await viewerPage.context().request.post(url + 'calendar/cancel', {
    form: { csrf_token: token, panel: 'permanence', date: toMove, reason: 'Viewer', version }, maxRedirects: 0
  })
  await check("a viewer's change POST, with their token, is 403 and changes nothing", () => {
    assert.equal(refused.status(), 403)
    assert.equal(fs.readFileSync(officeJson, 'utf8'), beforeViewer)
  })

  await check('the pages ran without a script error or a CSP refusal', () => {
    assert.deepEqual(errors.filter((text) => !/40[039]/.test(text)), [])
  })
} finally {
  await shutDown(browser, server)
}
fs.rmSync(office, { recursive: true, force: true })
passed()
