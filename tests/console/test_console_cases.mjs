// The Cases pages in a real browser against a copy of the sample office: the list with its
// search and filters, a case's page (summary, timeline, documents, a paper's download), the
// case in sections (a task list; text, yes/no, radios, a select; a date of three boxes with a
// missing month shown beside it and nothing saved; a list's row added and removed), a new case,
// a stale form refused, the refusals (member 403, viewer without Edit, POST without the CSRF
// token), one section by keyboard alone, axe on every page and error state, screenshots.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {
  accountSignedIn, launchChromium, pageSignedInAs, axeViolations, check, passed, ready,
  sampleOffice, shoot, startServer, tabTo, users, shutDown
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

  // Changing the case, section by section: the task list of sections with their state.
  const json = () => JSON.parse(fs.readFileSync(caseFile, 'utf8'))
  const before = fs.readFileSync(caseFile)
  const original = json()
  await page.goto(url + 'cases/LCS900109/edit')
  await ready(page)
  await check('the sections are listed as a task list with their state', async () => {
    assert.equal(await page.locator('#case-sections .govuk-task-list__item').count(), 22)
    assert.match(await page.locator('#section-the-child-status').innerText(), /Filled in/)
    assert.match(await page.locator('#section-matching-status').innerText(), /Not started/)
  })
  await check('the sections page passes axe', () => noViolations(page, 'the sections page'))
  await shoot(page, 'case-section-list')

  // The child: text, a yes/no and a date of three boxes; a missing month is refused.
  await page.locator('#section-the-child').click()
  await page.waitForURL(/\/edit\/the-child$/)
  await ready(page)
  await check('the child section shows the file\'s values, the date in three boxes', async () => {
    assert.equal(await page.locator('#child-name').inputValue(), 'Maisie Adeyemi-Frost')
    assert.equal(await page.locator('#child-dob-day').inputValue(), '2')
    assert.equal(await page.locator('#child-dob-month').inputValue(), '11')
    assert.equal(await page.locator('#child-dob-year').inputValue(), '2019')
    assert.ok(await page.locator('#child-interpreterRequired-no').isChecked())
  })
  await check('the child section passes axe', () => noViolations(page, 'the child section'))
  await shoot(page, 'case-section-child')
  await page.locator('#child-dob-month').fill('')
  await page.locator('#child-gender').fill('Girl')
  await page.locator('#save-case').click()
  await page.waitForLoadState()
  await check('a date without its month: the error beside it, nothing saved', async () => {
    assert.match(await page.locator('#child-dob-error').innerText(), /Date of birth must include a month/)
    assert.equal(await page.locator('.govuk-error-summary a[href="#child-dob-month"]').count(), 1)
    assert.match(await page.locator('#child-dob-month').getAttribute('class'), /govuk-input--error/)
    assert.equal(await page.locator('#child-gender').inputValue(), 'Girl')
    assert.ok(fs.readFileSync(caseFile).equals(before), 'the case file changed')
  })
  await check('the error state passes axe', () => noViolations(page, 'the child section with errors'))
  await shoot(page, 'case-section-child-errors')
  await page.locator('#child-dob-month').fill('3')
  await page.locator('#child-interpreterRequired').check()
  await page.locator('#save-case').click()
  await page.waitForURL(/\/edit\?saved=the-child$/)
  await check('fixed, the child section is saved and every other section kept', async () => {
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The child was saved/)
    const saved = json()
    assert.equal(saved.child.gender, 'Girl')
    assert.equal(saved.child.dob, '2019-03-02')
    assert.equal(saved.child.interpreterRequired, true)
    assert.deepEqual(saved.child.siblings, original.child.siblings)
    for (const key of Object.keys(original).filter((k) => k !== 'child')) {
      assert.deepEqual(saved[key], original[key], key)
    }
    assert.match(users(office, 'audit', '--action', 'case_edit'), /LCS900109/)
  })

  // Care proceedings: a choice of four as radios.
  await page.goto(url + 'cases/LCS900109/edit/proceedings')
  await ready(page)
  await check('the proceedings section passes axe', () => noViolations(page, 'the proceedings section'))
  await shoot(page, 'case-section-proceedings')
  await page.getByLabel('Final hearing', { exact: true }).check()
  await page.locator('#save-case').click()
  await page.waitForURL(/saved=proceedings/)
  await check('a radio choice is saved as its code', () => {
    assert.equal(json().legal.proceedings.stage, 'final')
  })

  // Legal status: a long choice as a select; its orders as a list.
  await page.goto(url + 'cases/LCS900109/edit/legal-status')
  await ready(page)
  await check('the legal status section passes axe', () => noViolations(page, 'the legal status section'))
  await shoot(page, 'case-section-legal')
  await page.locator('#legal-status').selectOption('E1')
  await page.locator('#save-case').click()
  await page.waitForURL(/saved=legal-status/)
  await check('a select choice is saved as its code', () => assert.equal(json().legal.status, 'E1'))

  // Siblings: a list; add one, then remove it.
  await page.goto(url + 'cases/LCS900109/edit/siblings')
  await ready(page)
  const siblings = (original.child.siblings ?? []).length
  await check('the siblings section lists each sibling and passes axe', async () => {
    assert.equal(await page.locator('#child-siblings ~ dl .govuk-summary-list__row').count(), siblings)
    await noViolations(page, 'the siblings section')
  })
  await shoot(page, 'case-section-siblings')
  await page.locator('#child-siblings-add').click()
  await page.waitForURL(/\/child-siblings\/new$/)
  await ready(page)
  await check('the new sibling page passes axe', () => noViolations(page, 'a new sibling'))
  await shoot(page, 'case-section-sibling')
  await page.locator('#save-case').click()
  await page.waitForLoadState()
  await check('a sibling without a name is refused beside the name', async () => {
    assert.match(await page.locator(`#child-siblings-${siblings}-name-error`).innerText(), /Enter name/)
    assert.deepEqual(json().child.siblings, original.child.siblings)
  })
  await check('the sibling error state passes axe', () => noViolations(page, 'a sibling with errors'))
  await page.locator(`#child-siblings-${siblings}-name`).fill('Robin Frost')
  await page.locator(`#child-siblings-${siblings}-dob-day`).fill('9')
  await page.locator(`#child-siblings-${siblings}-dob-month`).fill('1')
  await page.locator(`#child-siblings-${siblings}-dob-year`).fill('2021')
  await page.locator('#save-case').click()
  await page.waitForURL(/\/edit\/siblings\?saved=1$/)
  await check('"Add another" added the sibling at the end of the list', async () => {
    const list = json().child.siblings
    assert.equal(list.length, siblings + 1)
    assert.deepEqual(list[siblings], { name: 'Robin Frost', dob: '2021-01-09' })
    assert.match(await page.locator('#child-siblings ~ dl').innerText(), /Robin Frost/)
  })
  await page.getByRole('button', { name: `Remove Siblings number ${siblings + 1}` }).click()
  await page.waitForURL(/\/edit\/siblings\?saved=1$/)
  await check('"Remove" took it out again', () => {
    assert.deepEqual(json().child.siblings, original.child.siblings)
  })

  // A stale form: opened, then the file changes underneath it.
  await page.goto(url + 'cases/LCS900109/edit/placement')
  const changedElsewhere = json()
  changedElsewhere.child.gender = 'Female'
  fs.writeFileSync(caseFile, JSON.stringify(changedElsewhere, null, 2) + '\n')
  const elsewhere = fs.readFileSync(caseFile)
  await page.locator('#placement-carer').fill('Changed here')
  const stale = page.waitForResponse((r) => r.url().endsWith('/placement') && r.request().method() === 'POST')
  await page.locator('#save-case').click()
  await check('a stale form is refused (409) and nothing is saved', async () => {
    assert.equal((await stale).status(), 409)
    assert.match(await page.locator('h1').innerText(), /changed since you opened it/)
    assert.ok(fs.readFileSync(caseFile).equals(elsewhere))
  })

  // A new case: the fields a case file cannot be without, then its sections.
  await page.goto(url + 'cases/new')
  await ready(page)
  await check('the new case form passes axe', () => noViolations(page, 'the new case form'))
  await shoot(page, 'cases-new')
  await page.locator('#save-case').click()
  await page.waitForLoadState()
  await check('an empty new case shows every missing answer beside its field, nothing written', async () => {
    assert.match(await page.locator('#caseRef-error').innerText(), /Enter case reference/)
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
  await page.locator('#save-case').click()
  await page.waitForURL(/\/cases\/LCS900200\/edit\?created=1$/)
  await check('the new case is written, then its sections are offered', async () => {
    const created = JSON.parse(fs.readFileSync(path.join(office, 'cases', 'LCS900200.json'), 'utf8'))
    assert.equal(created.child.name, 'Robin Example')
    assert.equal(created.legal.status, 'C1')
    assert.equal(created.securityMarking, 'OFFICIAL-SENSITIVE')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /was created/)
    assert.match(await page.locator('#section-siblings-status').innerText(), /Not started/)
    assert.match(users(office, 'audit', '--action', 'case_create'), /LCS900200/)
  })
  await page.goto(url + 'cases/LCS900200/edit/legal-status')
  await page.locator('#legal-orders-add').click()
  await page.waitForURL(/legal-orders\/new$/)
  await page.locator('#legal-orders-0-type').fill('Interim care order')
  await page.locator('#legal-orders-0-date-day').fill('2')
  await page.locator('#legal-orders-0-date-month').fill('11')
  await page.locator('#legal-orders-0-date-year').fill('2026')
  await page.locator('#save-case').click()
  await page.waitForURL(/saved=1/)
  await check('an order added to the new case', () => {
    const created = JSON.parse(fs.readFileSync(path.join(office, 'cases', 'LCS900200.json'), 'utf8'))
    assert.deepEqual(created.legal.orders, [{ type: 'Interim care order', date: '2026-11-02' }])
  })

  await check('a POST without the CSRF token is refused (403) and nothing changes', async () => {
    const beforeForged = fs.readFileSync(caseFile)
    const forged = await page.context().request.post(url + 'cases/LCS900109/edit/the-child',
      { form: { 'child-name': 'Forged', version: 'x' }, maxRedirects: 0 })
    assert.equal(forged.status(), 403)
    assert.ok(fs.readFileSync(caseFile).equals(beforeForged))
  })

  // One section with the keyboard alone: from the case page to the saved name.
  await page.goto(url + 'cases/LCS900109')
  await ready(page)
  await page.locator('body').focus()
  await tabTo(page, { id: 'edit-case' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/edit$/)
  await ready(page)
  await tabTo(page, { id: 'section-the-child' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/edit\/the-child$/)
  await ready(page)
  await tabTo(page, { id: 'child-name' })
  await page.keyboard.press('Control+A')
  await page.keyboard.type('Maisie Keyboard')
  await tabTo(page, { id: 'save-case' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/saved=the-child/)
  await check('by keyboard: a section opened, a name typed and saved', () => {
    assert.equal(json().child.name, 'Maisie Keyboard')
  })

  await page.goto(url + 'cases/LCS900109/edit/the-child')
  await page.locator('#child-gender').focus()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('Female')
  await page.keyboard.press('Enter')
  await check('Enter in a field saves the section', async () => {
    await page.waitForURL(/saved=the-child/)
    assert.equal(json().child.gender, 'Female')
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
  await shutDown(browser, server)
}
passed()
