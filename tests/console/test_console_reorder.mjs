// Reordering the Sitting page's bookings (reorder.mjs), against a copy of the sample office with
// five cases booked on permanence 2026-12-15: an administrator drags a case with the mouse, then
// moves one with the keyboard alone (Tab to its Reorder button, Space, ArrowDown, Space), each
// checked in the bookings file and on the page, with the live region's words; Escape puts a
// picked-up or dragged case back; a drop on a page made stale by `panelpack book` is refused
// with the file unchanged; with JavaScript off the page has no handles and Move down still
// works; a viewer sees no handles. axe finds no WCAG 2.2 A/AA violation in each state;
// screenshots go to PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import {
  axeViolations, binary, check, launchChromium, pageSignedInAs, passed, ready, sampleOffice,
  shoot, startServer, tabTo, users, watch, shutDown, noViolations
} from './console_harness.mjs'

const office = sampleOffice('panelpack-reorder-')
const sittingPath = 'sittings/permanence/2026-12-15'
const bookingsFile = path.join(office, 'bookings', 'permanence', '2026-12-15.json')
const booked = () => JSON.parse(fs.readFileSync(bookingsFile, 'utf8')).items.map((i) => i.caseRef)

function panelpack (...words) {
  const run = spawnSync(binary, [...words, '--office', office])
  assert.equal(run.status, 0, run.stderr.toString())
}

// The cases as the page shows them: the bookings table's rows and the printed agenda's items.
const bookingsOrder = (page) => page.locator('#bookings-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.caseRef))
const agendaOrder = (page) => page.locator('#agenda-table tbody td').evaluateAll((cells) =>
  cells.map((c) => c.textContent.match(/\((LCS\d+)\)/)?.[1]).filter(Boolean))
const placesShown = (page) => page.locator('#bookings-table .console-reorder-place').allInnerTexts()
const liveWords = (page) => page.locator('#reorder-status').innerText()

// Five cases, so a move says "place 3 of 5".
panelpack('book', 'permanence', '2026-12-15', 'LCS900111')
panelpack('book', 'permanence', '2026-12-15', 'LCS900113')
assert.deepEqual(booked(), ['LCS900102', 'LCS900103', 'LCS900108', 'LCS900111', 'LCS900113'])

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const page = await pageSignedInAs(browser, office, url, errors, { user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' })

  // 1. The page, improved: a Reorder button per case, the instructions, a live region.
  await page.goto(url + sittingPath)
  await ready(page)
  await check('each booking has a Reorder button named with its case, described by the instructions', async () => {
    const handles = page.locator('[data-reorder-handle]')
    assert.equal(await handles.count(), 5)
    assert.equal(await page.getByRole('button', { name: 'Reorder LCS900108', exact: true }).count(), 1)
    assert.match(await page.locator('#reorder-instructions').innerText(), /press Space to pick the case up/)
    assert.equal(await handles.first().getAttribute('aria-describedby'), 'reorder-instructions')
    assert.equal(await page.locator('#reorder-status').getAttribute('aria-live'), 'assertive')
    assert.deepEqual(await placesShown(page), ['1', '2', '3', '4', '5'])
    // The Move up and Move down buttons stay: the plain way, for those who prefer it.
    assert.equal(await page.getByRole('button', { name: 'Move down LCS900102' }).count(), 1)
  })
  await noViolations(page, 'the sitting with Reorder buttons')

  // 2. Drag LCS900102 with the mouse to the third place (past the middle of LCS900108's row).
  {
    await page.locator('#bookings-table').evaluate((table) => table.scrollIntoView({ block: 'center' }))
    const handle = await page.locator('#reorder-LCS900102').boundingBox()
    const target = await page.locator('#bookings-table tr[data-case-ref=LCS900108]').boundingBox()
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
    await page.mouse.down()
    await page.mouse.move(handle.x + handle.width / 2, target.y + target.height * 0.75, { steps: 8 })
    await check('while dragged, the row is in its new place on the page and the live region says so', async () => {
      assert.deepEqual(await bookingsOrder(page), ['LCS900103', 'LCS900108', 'LCS900102', 'LCS900111', 'LCS900113'])
      assert.deepEqual(await placesShown(page), ['1', '2', '3', '4', '5'])
      assert.equal(await liveWords(page), 'LCS900102 moved to place 3 of 5')
      assert.deepEqual(booked(), ['LCS900102', 'LCS900103', 'LCS900108', 'LCS900111', 'LCS900113'], 'nothing saved before the drop')
    })
    await Promise.all([page.waitForURL(/done=moved&case=LCS900102/), page.mouse.up()])
    await ready(page)
  }
  await check('dropping it saves the order: the bookings file, the bookings table and the agenda', async () => {
    const order = ['LCS900103', 'LCS900108', 'LCS900102', 'LCS900111', 'LCS900113']
    assert.deepEqual(booked(), order)
    assert.deepEqual(await bookingsOrder(page), order)
    assert.deepEqual(await agendaOrder(page), order)
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /LCS900102 has moved on the agenda/)
  })

  // 3. The keyboard alone: Tab to LCS900103's handle, Space, ArrowDown twice, Space.
  await page.goto(url + sittingPath)
  await ready(page)
  await tabTo(page, { id: 'reorder-LCS900103' })
  await page.keyboard.press('Space')
  await check('Space picks the case up and says how to move it', async () => {
    assert.match(await liveWords(page), /^LCS900103 picked up, at place 1 of 5\. Move it with the up and down arrow keys/)
    assert.equal(await page.locator('#reorder-LCS900103').getAttribute('aria-pressed'), 'true')
    assert.equal(await page.locator('tr.console-reorder-row--grabbed').getAttribute('data-case-ref'), 'LCS900103')
  })
  await page.keyboard.press('ArrowDown')
  await check('ArrowDown moves it one place and says where', async () => {
    assert.equal(await liveWords(page), 'LCS900103 moved to place 2 of 5')
  })
  await page.keyboard.press('ArrowDown')
  await check('the handle keeps the focus as the row moves, the live region says place 3 of 5', async () => {
    assert.equal(await liveWords(page), 'LCS900103 moved to place 3 of 5')
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reorder-LCS900103')
    assert.deepEqual(await bookingsOrder(page), ['LCS900108', 'LCS900102', 'LCS900103', 'LCS900111', 'LCS900113'])
  })
  await noViolations(page, 'a case picked up with the keyboard')
  await shoot(page, 'sitting-reorder')
  await Promise.all([page.waitForURL(/done=moved&case=LCS900103/), page.keyboard.press('Space')])
  await ready(page)
  await check('Space drops it: saved in the bookings file and shown in the new order', async () => {
    const order = ['LCS900108', 'LCS900102', 'LCS900103', 'LCS900111', 'LCS900113']
    assert.deepEqual(booked(), order)
    assert.deepEqual(await bookingsOrder(page), order)
    assert.deepEqual(await agendaOrder(page), order)
  })
  await check('back on the page, the moved case\'s handle has the focus and its place is said', async () => {
    await page.waitForFunction(() => document.activeElement?.id === 'reorder-LCS900103')
    assert.equal(await liveWords(page), 'LCS900103 is now at place 3 of 5.')
  })
  await noViolations(page, 'the sitting after a reorder')

  // 4. Escape leaves the case where it was; so does Tab away.
  await page.goto(url + sittingPath)
  await ready(page)
  const unchanged = fs.readFileSync(bookingsFile, 'utf8')
  await tabTo(page, { id: 'reorder-LCS900113' })
  await page.keyboard.press('Space')
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('Home')
  await check('Home takes a picked-up case to the first place', async () => {
    assert.equal(await liveWords(page), 'LCS900113 moved to place 1 of 5')
  })
  await page.keyboard.press('Escape')
  await check('Escape puts it back, says so, and saves nothing', async () => {
    assert.equal(await liveWords(page), 'Reordering cancelled. LCS900113 is back at place 5 of 5.')
    assert.deepEqual(await bookingsOrder(page), ['LCS900108', 'LCS900102', 'LCS900103', 'LCS900111', 'LCS900113'])
    assert.deepEqual(await placesShown(page), ['1', '2', '3', '4', '5'])
    assert.equal(await page.locator('#reorder-LCS900113').getAttribute('aria-pressed'), 'false')
    assert.equal(fs.readFileSync(bookingsFile, 'utf8'), unchanged)
    assert.match(page.url(), /2026-12-15$/)
  })
  await page.keyboard.press('Space')
  await page.keyboard.press('Space')
  await check('dropped where it was: nothing is sent', async () => {
    assert.equal(await liveWords(page), 'LCS900113 put back at place 5 of 5, where it was. Nothing changed.')
    assert.equal(fs.readFileSync(bookingsFile, 'utf8'), unchanged)
  })

  {
    await page.locator('#bookings-table').evaluate((table) => table.scrollIntoView({ block: 'center' }))
    const handle = await page.locator('#reorder-LCS900108').boundingBox()
    const target = await page.locator('#bookings-table tr[data-case-ref=LCS900111]').boundingBox()
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
    await page.mouse.down()
    await page.mouse.move(handle.x + handle.width / 2, target.y + target.height * 0.75, { steps: 8 })
    await page.keyboard.press('Escape')
    await page.mouse.up()
  }
  await check('Escape during a mouse drag puts the case back; letting go then does nothing', async () => {
    assert.equal(await liveWords(page), 'Reordering cancelled. LCS900108 is back at place 1 of 5.')
    assert.deepEqual(await bookingsOrder(page), ['LCS900108', 'LCS900102', 'LCS900103', 'LCS900111', 'LCS900113'])
    assert.equal(await page.locator('#reorder-LCS900108').getAttribute('aria-pressed'), 'false')
    assert.equal(fs.readFileSync(bookingsFile, 'utf8'), unchanged)
    assert.match(page.url(), /2026-12-15$/)
  })

  // 5. A page opened before another change: the drop is refused, nothing changes.
  await page.goto(url + sittingPath)
  await ready(page)
  panelpack('book', 'permanence', '2026-12-15', 'LCS900113', '--remove')
  const changedBehind = fs.readFileSync(bookingsFile, 'utf8')
  {
    await page.locator('#bookings-table').evaluate((table) => table.scrollIntoView({ block: 'center' }))
    const handle = await page.locator('#reorder-LCS900111').boundingBox()
    const target = await page.locator('#bookings-table tr[data-case-ref=LCS900108]').boundingBox()
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
    await page.mouse.down()
    await page.mouse.move(handle.x + handle.width / 2, target.y + 2, { steps: 8 })
    await Promise.all([page.waitForEvent('load'), page.mouse.up()])
    await ready(page)
  }
  await check('a drop on a stale page is refused with the page as it is now, the file unchanged', async () => {
    assert.match(await page.locator('.govuk-error-summary').innerText(), /This sitting changed since you opened it/)
    assert.equal(fs.readFileSync(bookingsFile, 'utf8'), changedBehind)
    assert.deepEqual(booked(), ['LCS900108', 'LCS900102', 'LCS900103', 'LCS900111'])
    assert.deepEqual(await bookingsOrder(page), ['LCS900108', 'LCS900102', 'LCS900103', 'LCS900111'])
  })
  await noViolations(page, 'a stale drop refused')
  await shoot(page, 'sitting-reorder-stale')

  // 6. Without JavaScript: the page as the server sends it, and its Move down form works.
  const plainContext = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: false,
    storageState: await page.context().storageState()
  })
  const plain = await plainContext.newPage()
  watch(plain, errors)
  await plain.goto(url + sittingPath)
  await check('without JavaScript there are no Reorder buttons, instructions or live region', async () => {
    assert.equal(await plain.locator('[data-reorder-handle]').count(), 0)
    assert.equal(await plain.locator('#reorder-instructions, #reorder-status').count(), 0)
    assert.deepEqual(await bookingsOrder(plain), ['LCS900108', 'LCS900102', 'LCS900103', 'LCS900111'])
  })
  await Promise.all([plain.waitForURL(/done=moved&case=LCS900108/), plain.getByRole('button', { name: 'Move down LCS900108' }).click()])
  await check('without JavaScript, Move down moves the case one place', async () => {
    assert.deepEqual(booked(), ['LCS900102', 'LCS900108', 'LCS900103', 'LCS900111'])
    assert.deepEqual(await bookingsOrder(plain), ['LCS900102', 'LCS900108', 'LCS900103', 'LCS900111'])
  })
  await plainContext.close()

  // 7. A viewer reads the agenda: no bookings to change, no handle.
  const viewer = await pageSignedInAs(browser, office, url, errors, { user: 'vi.viewer@council.example', role: 'viewer', name: 'Vi Viewer', password: 'seven quiet owls at dusk' })
  await viewer.goto(url + sittingPath)
  await ready(viewer)
  await check('a viewer sees the agenda but no Reorder button or live region', async () => {
    assert.deepEqual(await agendaOrder(viewer), ['LCS900102', 'LCS900108', 'LCS900103', 'LCS900111'])
    assert.equal(await viewer.locator('[data-reorder-handle]').count(), 0)
    assert.equal(await viewer.locator('#reorder-status').count(), 0)
  })
  await noViolations(viewer, 'the sitting a viewer sees')

  // 8. The audit: each saved drop is a move, the stale one says so; ids only.
  await check('the moves are audited by sitting and case, the stale drop as stale', () => {
    const audit = users(office, 'audit', '--action', 'booking_moved')
    assert.equal(audit.match(/permanence\/2026-12-15 LCS900102\s*ok\b/g)?.length, 1, audit)
    assert.equal(audit.match(/permanence\/2026-12-15 LCS900103\s*ok\b/g)?.length, 1, audit)
    assert.equal(audit.match(/permanence\/2026-12-15 LCS900111\s*stale\b/g)?.length, 1, audit)
    assert.equal(audit.match(/permanence\/2026-12-15 LCS900108\s*ok\b/g)?.length, 1, audit)
  })
  await check('no script error or CSP refusal on any page', () => {
    // The stale drop answers 409 on purpose; Chromium reports it as an error.
    assert.deepEqual(errors.filter((e) => !/^Failed to load resource: the server responded with a status of 409/.test(e)), [])
  })
  passed()
} finally {
  await shutDown(browser, server)
}
