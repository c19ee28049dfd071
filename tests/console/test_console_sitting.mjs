// The Sitting page in a browser, against a copy of the sample office: an administrator reads
// permanence 2026-12-15 (agenda, bookings, papers grid), books a case found by name, reorders
// with the keyboard alone, removes one, uploads a DOCX paper (the grid changes, the file lands
// in papers/CASEREF/) and a text file named .pdf (refused beside the input, nothing stored); a
// form opened before a change made with `panelpack book` is refused as stale; a POST without
// its token is 403; a member of the panel reads the agenda without any form or grid, a member of
// another panel meets 403. axe finds no WCAG 2.2 A/AA violation in each state; screenshots go to
// PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  accountSignedIn, axeViolations, binary, check, launchChromium, pageSignedInAs, passed, ready,
  sampleOffice, shoot, source, startServer, tabTo, users, watch, shutDown, noViolations
} from './console_harness.mjs'

const office = sampleOffice('panelpack-sitting-')
const sittingPath = 'sittings/permanence/2026-12-15'
const bookingsFile = path.join(office, 'bookings', 'permanence', '2026-12-15.json')
const booked = () => JSON.parse(fs.readFileSync(bookingsFile, 'utf8')).items.map((i) => i.caseRef)
const itemOf = (ref) => JSON.parse(fs.readFileSync(bookingsFile, 'utf8')).items.find((i) => i.caseRef === ref)

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const page = await pageSignedInAs(browser, office, url, errors, { user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' })

  // 1. The page as it is.
  await page.goto(url + sittingPath)
  await ready(page)
  await check('the administrator sees the agenda, the bookings and the papers grid', async () => {
    assert.equal(await page.locator('h1').innerText(), 'Tuesday 15 December 2026')
    assert.match(await page.locator('#agenda-table').innerText(), /LCS900102/)
    assert.deepEqual(await page.locator('#bookings-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.caseRef)), ['LCS900102', 'LCS900103', 'LCS900108'])
    const chronology = await page.locator('#papers-grid tr[data-case-ref=LCS900108] td[data-paper-state=missing]').innerText()
    assert.match(chronology, /missing/i)
  })
  await noViolations(page, 'the sitting page')
  await shoot(page, 'sitting')

  // 2. Book a case found by the child's name.
  await page.getByRole('link', { name: 'Book a case onto this sitting' }).click()
  await ready(page)
  await page.locator('#case-search').fill('Brennock')
  await page.getByRole('button', { name: 'Search' }).click()
  await ready(page)
  await check('searching by name finds the case, with a Book button', async () => {
    assert.match(await page.locator('#matches').innerText(), /Isla Brennock \(LCS900111\)/)
  })
  await noViolations(page, 'the booking search')
  await shoot(page, 'sitting-book')
  await page.getByRole('button', { name: 'Book LCS900111' }).click()
  await ready(page)
  await check('booking adds the case at the end of the bookings file and says so', async () => {
    assert.deepEqual(booked(), ['LCS900102', 'LCS900103', 'LCS900108', 'LCS900111'])
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /LCS900111 is booked onto this sitting/)
  })
  await noViolations(page, 'the sitting after booking')

  // 3. Reorder with the keyboard alone: LCS900111 up one place.
  await page.goto(url + sittingPath)
  await ready(page)
  await tabTo(page, { text: 'Move up LCS900111' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/done=moved/)
  await ready(page)
  await check('Move up, by keyboard, puts the case one place earlier', () => {
    assert.deepEqual(booked(), ['LCS900102', 'LCS900103', 'LCS900111', 'LCS900108'])
  })

  // 4. Remove one.
  await page.getByRole('button', { name: 'Remove LCS900103' }).click()
  await ready(page)
  await check('Remove takes the case off the sitting', () => {
    assert.deepEqual(booked(), ['LCS900102', 'LCS900111', 'LCS900108'])
  })

  // 5. Upload a DOCX: the chronology of LCS900108.
  const papersOf = (ref) => fs.existsSync(path.join(office, 'papers', ref)) ? fs.readdirSync(path.join(office, 'papers', ref)) : []
  await page.locator('#paper-case').selectOption('LCS900108')
  await page.locator('#paper-type').selectOption('chronology')
  await page.locator('#paper-file').setInputFiles(path.join(source, 'templates', 'report.docx'))
  await page.getByRole('button', { name: 'Upload the paper' }).click()
  await ready(page)
  await check('an uploaded DOCX is stored in papers/LCS900108/ and recorded received', async () => {
    const files = papersOf('LCS900108')
    assert.equal(files.length, 1, files.join())
    assert.match(files[0], /^chronology-\d{4}-\d\d-\d\d-\d{6}\.docx$/)
    assert.deepEqual(fs.readFileSync(path.join(office, 'papers', 'LCS900108', files[0])), fs.readFileSync(path.join(source, 'templates', 'report.docx')))
    const paper = itemOf('LCS900108').papers.find((p) => p.type === 'chronology')
    assert.equal(paper.file, `papers/LCS900108/${files[0]}`)
    const state = await page.locator('#papers-grid tr[data-case-ref=LCS900108] td').evaluateAll((cells) => cells.map((c) => c.dataset.paperState))
    assert.ok(!state.includes('missing'), state.join())
  })
  await noViolations(page, 'the sitting after an upload')

  // 6. A text file named .pdf is refused by its content.
  const fake = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panelpack-fake-')), 'care-plan.pdf')
  fs.writeFileSync(fake, 'This is only text, whatever its name says.\n')
  const before = fs.readFileSync(bookingsFile, 'utf8')
  await page.locator('#paper-case').selectOption('LCS900102')
  await page.locator('#paper-type').selectOption('care-plan')
  await page.locator('#paper-file').setInputFiles(fake)
  await page.getByRole('button', { name: 'Upload the paper' }).click()
  await ready(page)
  await check('a text file named .pdf is refused beside the file input, nothing stored', async () => {
    assert.match(await page.locator('#paper-file-error').innerText(), /not a Word document \(DOCX\), an OpenDocument text \(ODT\) or a PDF/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /not a Word document/)
    assert.equal(fs.readFileSync(bookingsFile, 'utf8'), before)
    assert.deepEqual(papersOf('LCS900102'), ['care-plan.docx'])
  })
  await noViolations(page, 'the upload refused')
  await shoot(page, 'sitting-upload-refused')

  // 6b. A file over the cap is refused beside the input; a multipart POST to a route that takes
  // no file is refused whole.
  await page.locator('#paper-case').selectOption('LCS900102')
  await page.locator('#paper-type').selectOption('care-plan')
  const large = path.join(path.dirname(fake), 'large-care-plan.pdf')
  fs.writeFileSync(large, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20.5 * 1024 * 1024, 32)]))
  await page.locator('#paper-file').setInputFiles(large)
  await page.getByRole('button', { name: 'Upload the paper' }).click()
  await ready(page)
  await check('a file over 20 MB is refused beside the file input, nothing stored', async () => {
    assert.match(await page.locator('#paper-file-error').innerText(), /larger than 20 MB/)
    assert.equal(fs.readFileSync(bookingsFile, 'utf8'), before)
    assert.deepEqual(papersOf('LCS900102'), ['care-plan.docx'])
  })
  const token = await page.locator('input[name=csrf_token]').first().inputValue()
  const multipartRemove = await page.context().request.post(url + sittingPath + '/remove', {
    multipart: { csrf_token: token, version: await page.locator('input[name=version]').first().inputValue(), case_ref: 'LCS900102' },
    maxRedirects: 0
  })
  await check('a multipart POST to a route that takes no file is 403 and changes nothing', () => {
    assert.equal(multipartRemove.status(), 403)
    assert.equal(fs.readFileSync(bookingsFile, 'utf8'), before)
  })

  // 7. A stale form: the bookings change behind the page's back.
  await page.goto(url + sittingPath)
  await ready(page)
  const cli = spawnSync(binary, ['book', 'permanence', '2026-12-15', 'LCS900113', '--office', office])
  assert.equal(cli.status, 0, cli.stderr.toString())
  await page.getByRole('button', { name: 'Remove LCS900102' }).click()
  await ready(page)
  await check('a form opened before another change is refused, nothing changed', async () => {
    assert.match(await page.locator('.govuk-error-summary').innerText(), /This sitting changed since you opened it/)
    assert.deepEqual(booked(), ['LCS900102', 'LCS900111', 'LCS900108', 'LCS900113'])
  })
  await noViolations(page, 'the stale form refused')
  await shoot(page, 'sitting-stale')

  // 8. A POST without its token.
  const version = await page.locator('input[name=version]').first().inputValue()
  const forged = await page.context().request.post(url + sittingPath + '/remove', { form: { version, case_ref: 'LCS900102' }, maxRedirects: 0 })
  await check('a POST without the CSRF token is 403 and removes nothing', () => {
    assert.equal(forged.status(), 403)
    assert.ok(booked().includes('LCS900102'))
  })

  // 9. Members: their own panel's agenda without forms; another panel's is 403.
  const member = await pageSignedInAs(browser, office, url, errors, { user: 'mo.member@council.example', role: 'member', name: 'Mo Member', password: 'four brown hens on a gate', extra: ['--panel', 'permanence'] })
  await member.goto(url + sittingPath)
  await ready(member)
  await check('a member of the panel sees the agenda, no grid, no form', async () => {
    assert.match(await member.locator('#agenda-table').innerText(), /LCS900108/)
    assert.equal(await member.locator('#papers-grid').count(), 0)
    assert.equal(await member.locator('main form').count(), 0)
  })
  await noViolations(member, 'the agenda a member sees')
  await shoot(member, 'sitting-member')
  const memberPost = await member.context().request.post(url + sittingPath + '/remove', { form: { version, case_ref: 'LCS900102' }, maxRedirects: 0 })
  await check('a member cannot change the sitting (403)', () => {
    assert.equal(memberPost.status(), 403)
    assert.ok(booked().includes('LCS900102'))
  })

  const otherContext = await browser.newContext()
  const other = await otherContext.newPage()
  watch(other, errors)
  await accountSignedIn(office, other, url, { user: 'oli.other@council.example', role: 'member', name: 'Oli Other', password: 'nine tall ships in the fog', extra: ['--panel', 'aep'] })
  const refused = await other.goto(url + sittingPath)
  await ready(other)
  await check('a member of another panel gets 403', async () => {
    assert.equal(refused.status(), 403)
    assert.match(await other.locator('h1').innerText(), /You cannot see this sitting/)
  })
  await noViolations(other, 'the 403 page')

  // 10. The audit names the sitting and the case, never the child.
  await check('views, changes and uploads are audited by id', () => {
    const audit = users(office, 'audit')
    for (const action of ['booking_added', 'booking_moved', 'booking_removed', 'paper_upload', 'csrf_refused', 'page_refused']) {
      assert.match(audit, new RegExp(action), action)
    }
    assert.match(audit, /permanence\/2026-12-15 LCS900108/)
    assert.doesNotMatch(audit, /Brennock/)
  })
  await check('no script error or CSP refusal on any page', () => {
    // The refusals above answer 400, 409 and 403 on purpose; Chromium reports each as an error.
    assert.deepEqual(errors.filter((e) => !/^Failed to load resource: the server responded with a status of (400|403|409)/.test(e)), [])
  })
  passed()
} finally {
  await shutDown(browser, server)
}
