// The Cases pages in a real browser against a copy of the sample office: the list with its
// search and filters, a case's page (summary, timeline, documents, a paper's download), the
// case form (a mistake shown beside its field with nothing saved, then fixed and saved), a new
// case, a stale form refused, the refusals (member 403, viewer without Edit, POST without the
// CSRF token), the edit flow by keyboard alone, axe on every page and error state, screenshots.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {
  accountSignedIn, launchChromium, pageSignedInAs, axeViolations, check, passed, ready,
  sampleOffice, shoot, startServer, users
} from './console_harness.mjs'


const office = sampleOffice('panelpack-console-cases-')
const caseFile = path.join(office, 'cases', 'LCS900109.json')
const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []

async function noViolations (page, what) {
  assert.deepEqual(await axeViolations(page), [], `axe on ${what}`)
}

try {
  const page = await pageSignedInAs(browser, office, url, errors, {
    user: 'bso@council.example', role: 'administrator', name: 'Bea Officer', password: 'long enough admin words'
  })

  await page.goto(url + 'cases')
  await ready(page)
  await check('the list shows every case, linked, with the legal status in words', async () => {
    assert.equal(await page.locator('#case-table tbody tr').count(), 13)
    assert.match(await page.locator('#case-count').innerText(), /13 of 13 cases/)
    const row = page.locator('#case-table tbody tr', { hasText: 'LCS900109' })
    assert.match(await row.innerText(), /Maisie Adeyemi-Frost/)
    assert.match(await row.innerText(), /Care order \(s31\)/)
    assert.equal(await row.locator('a').getAttribute('href'), '/cases/LCS900109')
  })
  await check('the list passes axe', () => noViolations(page, 'the list'))
  await shoot(page, 'cases-list')

  await page.locator('#q').fill('maisie')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.waitForLoadState()
  await check('a search by name finds the one case', async () => {
    assert.equal(await page.locator('#case-table tbody tr').count(), 1)
    assert.match(await page.locator('#case-count').innerText(), /1 of 13 cases/)
  })
  await page.goto(url + 'cases?legal_status=C2')
  await check('the legal status filter keeps only care orders', async () => {
    const rows = await page.locator('#case-table tbody tr').allInnerTexts()
    assert.ok(rows.length > 0 && rows.length < 13, String(rows.length))
    for (const row of rows) assert.match(row, /Care order \(s31\)/)
  })
  await page.goto(url + 'cases')
  const firstSitting = page.locator('#next-sitting option').nth(1)
  const sittingWords = await firstSitting.innerText()
  await page.locator('#next-sitting').selectOption(await firstSitting.getAttribute('value'))
  await page.locator('#panel').selectOption('permanence')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.waitForLoadState()
  await check('the next sitting and panel filters keep only the cases booked on that sitting', async () => {
    const rows = await page.locator('#case-table tbody tr').allInnerTexts()
    assert.ok(rows.length > 0 && rows.length < 13, String(rows.length))
    for (const row of rows) assert.ok(row.includes(sittingWords), row)
    assert.match(page.url(), /next_sitting=\d{4}-\d{2}-\d{2}/)
  })
  await page.goto(url + 'cases?q=nobody-at-all')
  await check('a search that finds nothing says so', async () => {
    assert.match(await page.locator('main').innerText(), /No case matches/)
  })

  await page.goto(url + 'cases/LCS900109')
  await ready(page)
  await check('the case page shows the summary, the timeline and an Edit button', async () => {
    const summary = await page.locator('#case-summary').innerText()
    assert.match(summary, /LCS900109/)
    assert.match(summary, /Care order \(s31\)/)
    assert.match(summary, /Saturday 2 November 2019/)
    assert.ok(await page.locator('#case-timeline .moj-timeline__item').count() >= 1)
    assert.match(await page.locator('#case-timeline').innerText(), /Referral received/)
    assert.equal(await page.locator('#edit-case').count(), 1)
  })
  await check('the case page passes axe', () => noViolations(page, 'the case page'))
  await shoot(page, 'cases-case')
  await check('each view is audited with the case reference, the list too', () => {
    const audit = users(office, 'audit', '--action', 'view')
    assert.match(audit, /case\s+LCS900109/, audit)
    assert.match(audit, /cases\s+-/, audit)
  })

  await page.goto(url + 'cases/LCS900102')
  await check('a case with a paper lists it, and the paper downloads (audited)', async () => {
    const link = page.locator('#case-documents a', { hasText: 'care-plan.docx' })
    assert.equal(await link.count(), 1)
    const response = await page.context().request.get(url + 'cases/LCS900102/papers/care-plan.docx')
    assert.equal(response.status(), 200)
    const expected = fs.readFileSync(path.join(office, 'papers', 'LCS900102', 'care-plan.docx'))
    assert.ok(Buffer.from(await response.body()).equals(expected))
    const traversal = await page.context().request.get(url + 'cases/LCS900102/papers/..%2F..%2Foffice.json')
    assert.equal(traversal.status(), 404)
    assert.match(users(office, 'audit', '--action', 'download'), /LCS900102/)
  })

  // Edit with mistakes: nothing saved, each error beside its field.
  const before = fs.readFileSync(caseFile)
  await page.goto(url + 'cases/LCS900109/edit')
  await ready(page)
  await check('the edit form passes axe', () => noViolations(page, 'the edit form'))
  await shoot(page, 'cases-edit')
  await page.locator('#child-dob').fill('2019-02-30')
  await page.locator('#professionals-socialWorker-name').fill('')
  await page.locator('#save-case').click()
  await page.waitForLoadState()
  await check('the mistakes are shown beside their fields and nothing is saved', async () => {
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Date of birth is not a real date/)
    assert.match(await page.locator('#child-dob-error').innerText(), /not a real date/)
    assert.match(await page.locator('#professionals-socialWorker-name-error').innerText(),
      /Enter social worker's name/)
    assert.ok(fs.readFileSync(caseFile).equals(before), 'the case file changed')
    assert.equal(await page.locator('.govuk-error-summary a[href="#child-dob"]').count(), 1)
  })
  await check('the error state passes axe', () => noViolations(page, 'the form with errors'))
  await shoot(page, 'cases-edit-errors')

  await page.locator('#child-dob').fill('2/11/2019')
  await page.locator('#professionals-socialWorker-name').fill('Priya Okafor')
  await page.locator('#child-gender').fill('Girl')
  await page.locator('#save-case').click()
  await page.waitForLoadState()
  await check('fixed, the change is saved in cases/LCS900109.json and the rest kept', async () => {
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /saved/)
    const saved = JSON.parse(fs.readFileSync(caseFile, 'utf8'))
    const old = JSON.parse(before.toString('utf8'))
    assert.equal(saved.child.gender, 'Girl')
    assert.equal(saved.child.dob, '2019-11-02')
    assert.equal(saved.professionals.socialWorker.name, 'Priya Okafor')
    assert.deepEqual(saved.needs, old.needs)
    assert.deepEqual(saved.legal.orders, old.legal.orders)
    assert.match(users(office, 'audit', '--action', 'case_edit'), /LCS900109/)
  })

  // A stale form: opened, then the file changes underneath it.
  await page.goto(url + 'cases/LCS900109/edit')
  const changedElsewhere = JSON.parse(fs.readFileSync(caseFile, 'utf8'))
  changedElsewhere.child.gender = 'Female'
  fs.writeFileSync(caseFile, JSON.stringify(changedElsewhere, null, 2) + '\n')
  const elsewhere = fs.readFileSync(caseFile)
  await page.locator('#child-gender').fill('Changed here')
  const stale = page.waitForResponse((r) => r.url().endsWith('/edit') && r.request().method() === 'POST')
  await page.locator('#save-case').click()
  await check('a stale form is refused and nothing is saved', async () => {
    assert.equal((await stale).status(), 409)
    assert.match(await page.locator('h1').innerText(), /changed since you opened it/)
    assert.ok(fs.readFileSync(caseFile).equals(elsewhere))
  })

  // A new case, with one court order added by "Add another".
  await page.goto(url + 'cases/new')
  await ready(page)
  await check('the new case form passes axe', () => noViolations(page, 'the new case form'))
  await shoot(page, 'cases-new')
  await page.locator('#save-case').click()
  await page.waitForLoadState()
  await check('an empty new case shows every missing answer beside its field, nothing written', async () => {
    assert.match(await page.locator('#caseRef-error').innerText(), /Enter the case reference/)
    assert.match(await page.locator('#child-name-error').innerText(), /Enter child's full name/)
    assert.match(await page.locator('#legal-status-error').innerText(), /Choose legal status/)
    assert.equal(fs.readdirSync(path.join(office, 'cases')).filter((f) => f.endsWith('.json')).length, 13)
  })
  await check('the new case form with errors passes axe', () => noViolations(page, 'the new case errors'))
  await page.locator('#caseRef').fill('LCS900200')
  await page.locator('#child-name').fill('Robin Example')
  await page.locator('#child-childId').fill('LCS900200')
  await page.locator('#legal-status').selectOption('C1')
  await page.locator('#professionals-socialWorker-name').fill('Sam Worker')
  await page.locator('#legal-orders-0-type').fill('Interim care order')
  await page.locator('#legal-orders-0-date').fill('2026-11-02')
  await page.getByRole('button', { name: 'Add another order' }).click()
  await page.waitForLoadState()
  await check('"Add another order" gives a second row and keeps what was typed', async () => {
    assert.equal(await page.locator('#legal-orders-1-type').count(), 1)
    assert.equal(await page.locator('#child-name').inputValue(), 'Robin Example')
    assert.equal(fs.existsSync(path.join(office, 'cases', 'LCS900200.json')), false)
  })
  await page.locator('#save-case').click()
  await page.waitForLoadState()
  await check('the new case is written and shown', async () => {
    const created = JSON.parse(fs.readFileSync(path.join(office, 'cases', 'LCS900200.json'), 'utf8'))
    assert.equal(created.child.name, 'Robin Example')
    assert.equal(created.legal.status, 'C1')
    assert.equal(created.securityMarking, 'OFFICIAL-SENSITIVE')
    assert.deepEqual(created.legal.orders, [{ type: 'Interim care order', date: '2026-11-02' }])
    assert.match(await page.locator('h1').innerText(), /Robin Example/)
    assert.match(users(office, 'audit', '--action', 'case_create'), /LCS900200/)
  })

  await check('a POST without the CSRF token is refused (403) and nothing changes', async () => {
    const beforeForged = fs.readFileSync(caseFile)
    const forged = await page.context().request.post(url + 'cases/LCS900109/edit',
      { form: { 'child-name': 'Forged', version: 'x' }, maxRedirects: 0 })
    assert.equal(forged.status(), 403)
    assert.ok(fs.readFileSync(caseFile).equals(beforeForged))
  })

  // The edit flow with the keyboard alone.
  await page.goto(url + 'cases/LCS900109')
  await ready(page)
  await page.locator('body').focus()
  let reached = false
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = await page.evaluate(() => document.activeElement?.id === 'edit-case')
  }
  await check('by keyboard: Tab reaches Edit and Enter opens the form', async () => {
    assert.ok(reached, 'Tab never reached Edit')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/edit$/)
  })
  await ready(page)
  reached = false
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = await page.evaluate(() => document.activeElement?.id === 'child-name')
  }
  await check('by keyboard: a name typed, then Tab to Save and Enter saves it', async () => {
    assert.ok(reached, 'Tab never reached the name')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('Maisie Keyboard')
    let onSave = false
    for (let i = 0; i < 80 && !onSave; i++) {
      await page.keyboard.press('Tab')
      onSave = await page.evaluate(() => document.activeElement?.id === 'save-case')
    }
    assert.ok(onSave, 'Tab never reached Save the case')
    await page.keyboard.press('Enter')
    await page.waitForURL(/saved=1/)
    assert.equal(JSON.parse(fs.readFileSync(caseFile, 'utf8')).child.name, 'Maisie Keyboard')
  })

  await page.goto(url + 'cases/LCS900109/edit')
  await page.locator('#child-gender').focus()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('Female')
  await page.keyboard.press('Enter')
  await check('Enter in a field saves the case (it does not add a row)', async () => {
    await page.waitForURL(/saved=1/)
    assert.equal(JSON.parse(fs.readFileSync(caseFile, 'utf8')).child.gender, 'Female')
  })

  // Other roles.
  const viewerContext = await browser.newContext()
  const viewer = await viewerContext.newPage()
  await accountSignedIn(office, viewer, url, {
    user: 'viewer@council.example', role: 'viewer', name: 'Val Viewer', password: 'long enough viewer words'
  })
  await check('a viewer reads a case but sees no Edit, and may not open the form', async () => {
    await viewer.goto(url + 'cases/LCS900109')
    assert.match(await viewer.locator('h1').innerText(), /Maisie Keyboard/)
    assert.equal(await viewer.locator('#edit-case').count(), 0)
    const form = await viewer.goto(url + 'cases/LCS900109/edit')
    assert.equal(form.status(), 403)
  })
  const memberContext = await browser.newContext()
  const member = await memberContext.newPage()
  await accountSignedIn(office, member, url, {
    user: 'member@council.example', role: 'member', name: 'Mo Member', password: 'long enough member words', extra: ['--panel', 'permanence']
  })
  await check('a member gets 403 on the cases', async () => {
    assert.equal((await member.goto(url + 'cases')).status(), 403)
    assert.equal((await member.goto(url + 'cases/LCS900109')).status(), 403)
    assert.match(users(office, 'audit', '--action', 'page_refused'), /member@council\.example/)
  })
  // The 409 of the stale form is meant; any other failure or script error is not.
  const unexpected = errors.filter((e) => !/status of 409 \(Conflict\)/.test(e))
  await check('no script error or CSP refusal on any page', () => assert.deepEqual(unexpected, []))
} finally {
  await browser.close()
  server.child.kill('SIGTERM')
  await server.exited
}
passed()
