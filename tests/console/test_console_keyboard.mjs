// The administrator's day with the keyboard alone, in one test (WCAG 2.1.1): Tab, Shift+Tab,
// Enter and Space only, no clicks. Over a copy of the sample office it signs in and changes the
// one-time password, opens the calendar from the menu, books a case found by name onto
// permanence 15 December 2026, uploads a paper (Space opens the file chooser), builds the pack
// (one LibreOffice run) and downloads its zip, makes a mistake in a case and lands on the error,
// and signs out from the menu. Each step asserts on the files it changed. Only `goto` to the
// sitting and the case stands for typing an address.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {
  addUser, check, launchChromium, passed, ready, sampleOffice, source, startServer, tabTo, watch, shutDown
} from './console_harness.mjs'

const office = sampleOffice('panelpack-keyboard-')
const officeJson = JSON.parse(fs.readFileSync(path.join(office, 'office.json'), 'utf8'))
officeJson.mail.circulation.attach = 'both'  // the pack has a PDF too
fs.writeFileSync(path.join(office, 'office.json'), JSON.stringify(officeJson, null, 2))
const sitting = 'sittings/permanence/2026-12-15'
const bookingsFile = path.join(office, 'bookings', 'permanence', '2026-12-15.json')
const caseFile = path.join(office, 'cases', 'LCS900109.json')
const user = 'kit.keys@council.example'
const otp = addUser(office, user, 'administrator', 'Kit Keys')
const password = 'only the keys on the board'

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  watch(page, errors)

  // Signing in, and the forced change of the one-time password.
  await page.goto(url + 'sign-in')
  await ready(page)
  await tabTo(page, { id: 'user-name' })
  await page.keyboard.type(user)
  await page.keyboard.press('Tab')
  await page.keyboard.type(otp)
  await page.keyboard.press('Enter')
  await page.waitForURL(url + 'change-password')
  await ready(page)
  await tabTo(page, { id: 'new-password' })
  await page.keyboard.type(password)
  await tabTo(page, { id: 'confirm-password' })
  await page.keyboard.type(password)
  await page.keyboard.press('Enter')
  await page.waitForURL(url + 'today')
  await ready(page)
  await check('signed in by keyboard, the one-time password changed, at Today', async () => {
    assert.equal((await page.locator('h1').innerText()).trim(), 'Today')
  })

  // The menu.
  await tabTo(page, { text: 'Calendar' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/calendar$/)
  await ready(page)
  await check('the menu opens the calendar', async () => {
    assert.match(await page.title(), /^Calendar/)
  })

  // Booking a case found by the child's name.
  await page.goto(url + sitting)
  await ready(page)
  await tabTo(page, { text: 'Book a case onto this sitting' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/book$/)
  await ready(page)
  await tabTo(page, { id: 'case-search' })
  await page.keyboard.type('Brennock')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/book\?q=Brennock/)
  await ready(page)
  await tabTo(page, { text: 'Book LCS900111' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/done=booked/)
  await ready(page)
  await check('a case found by name is booked by keyboard', async () => {
    const items = JSON.parse(fs.readFileSync(bookingsFile, 'utf8')).items.map((item) => item.caseRef)
    assert.ok(items.includes('LCS900111'), items.join(' '))
  })

  // Uploading a paper: Space on the file input opens the chooser.
  await tabTo(page, { id: 'paper-case' })
  const paperCase = await page.evaluate(() => document.activeElement.value)
  await tabTo(page, { id: 'paper-file' })
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')])
  await chooser.setFiles(path.join(source, 'samples', 'office', 'papers', 'LCS900102', 'care-plan.docx'))
  await tabTo(page, { text: 'Upload the paper' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/done=uploaded/)
  await ready(page)
  await check('a paper is uploaded by keyboard and stored under its case', async () => {
    const stored = fs.readdirSync(path.join(office, 'papers', paperCase)).filter((name) => name.endsWith('.docx'))
    assert.ok(stored.length >= 1, `nothing in papers/${paperCase}`)
  })

  // Building the pack, then downloading its zip.
  await page.goto(url + sitting + '/pack')
  await ready(page)
  await tabTo(page, { id: 'build-pack' })
  await page.keyboard.press('Enter')
  await page.waitForURL(url + sitting + '/pack/progress')
  await page.locator('.govuk-panel__title').waitFor({ timeout: 240000 })
  await ready(page)
  await check('the pack is built by keyboard', async () => {
    assert.equal(await page.locator('.govuk-panel__title').innerText(), 'Pack built')
  })
  await page.goto(url + sitting + '/pack')
  await ready(page)
  await tabTo(page, { id: 'download-zip' })
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
  const zipFile = path.join(office, 'downloaded.zip')
  await download.saveAs(zipFile)
  await check('the zip is downloaded by keyboard and is a zip', async () => {
    assert.equal(fs.readFileSync(zipFile).subarray(0, 2).toString(), 'PK')
  })

  // A mistake in a case: the error summary takes focus and nothing is saved.
  const before = fs.readFileSync(caseFile)
  await page.goto(url + 'cases/LCS900109')
  await ready(page)
  await tabTo(page, { id: 'edit-case' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/edit$/)
  await ready(page)
  await tabTo(page, { id: 'section-the-child' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/edit\/the-child$/)
  await ready(page)
  await tabTo(page, { id: 'child-dob-day' })
  await page.keyboard.press('Control+A')
  await page.keyboard.type('31')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Control+A')
  await page.keyboard.type('2')
  await page.keyboard.press('Enter')
  await page.locator('.govuk-error-summary').waitFor()
  await ready(page)
  await check('a mistake typed by keyboard lands on the error summary, nothing saved', async () => {
    assert.ok(await page.evaluate(() => document.activeElement.closest('.govuk-error-summary') !== null),
      'the error summary does not have focus')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /date/i)
    assert.ok(fs.readFileSync(caseFile).equals(before))
  })

  // Signing out from the menu.
  await tabTo(page, { text: 'Sign out' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/sign-in\?signed_out=yes$/)
  await check('signed out from the menu by keyboard', async () => {
    const again = await page.goto(url + 'today')
    assert.match(again.url(), /\/sign-in\?next=/)
  })

  await check('the pages ran without a script error or a CSP refusal', () => {
    assert.deepEqual(errors.filter((text) => !/40[034]/.test(text)), [])
  })
} finally {
  await shutDown(browser, server)
}
fs.rmSync(office, { recursive: true, force: true })
passed()
