// A sitting's pack in the browser: Playwright drives Debian's Chromium against `panelpack serve`
// over a copy of the sample office whose circulation attaches the zip and the PDF. The
// administrator sees the Panels page and the permanence panel's 15 December pack (none yet),
// builds it with the keyboard alone (one LibreOffice build), watches the progress page's live
// text reach its end, sees the manifest in words, downloads the zip (its files listed by
// `unzip -l`) and the PDF (%PDF); POST without the CSRF token is 403 and builds nothing; a
// viewer cannot build (403); a member of the panel cannot download before the circulation and
// can after `panelpack tick` circulated it; a member of another panel gets 403 for the page
// and the download (audited page_refused); a booking changed after the build marks the pack
// out of date; a build while another run holds the pack's lock is shown as busy; a SIGTERM
// just after a build started leaves a whole pack. axe finds no WCAG 2.2 A/AA violation on
// each page; screenshots go to PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  accountSignedIn, axeViolations, binary, check, chromium, passed, ready, sampleOffice, shoot,
  startServer, users, watch, shutDown
} from './console_harness.mjs'

const office = sampleOffice('panelpack-pack-')
// The circulation sends the zip and the PDF, so the panel's pack has both.
const officeJson = JSON.parse(fs.readFileSync(path.join(office, 'office.json'), 'utf8'))
officeJson.mail.circulation.attach = 'both'
fs.writeFileSync(path.join(office, 'office.json'), JSON.stringify(officeJson, null, 2))

const sitting = 'sittings/permanence/2026-12-15'
const packFolder = path.join(office, 'packs', 'permanence', '2026-12-15')
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'panelpack-pack-downloads-'))

const server = await startServer(office)
const url = server.url
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true })
const pageErrors = []

async function signedInPage (account) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  watch(page, pageErrors)
  await accountSignedIn(office, page, url, account)
  return { context, page }
}

async function noViolations (page, what) {
  await check(`${what} passes axe`, async () => {
    assert.deepEqual(await axeViolations(page), [])
  })
}

try {
  const admin = await signedInPage({ user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' })
  const page = admin.page

  // The Panels page: every panel, with links to each sitting's agenda and pack.
  await page.goto(url + 'panels')
  await ready(page)
  await check('an administrator sees every panel on the Panels page', async () => {
    const headings = await page.locator('h2.govuk-heading-m').allInnerTexts()
    assert.equal(headings.length, officeJson.panels.length, headings.join(', '))
    assert.ok(await page.locator(`a[href="/${sitting}/pack"]`).count() === 1)
  })
  await noViolations(page, 'the Panels page')
  await shoot(page, 'pack-panels')

  // No pack yet.
  await page.goto(url + sitting + '/pack')
  await ready(page)
  await check('the pack page says no pack was built yet, and offers to build it', async () => {
    assert.match(await page.locator('#pack-state').innerText(), /No pack has been built/)
    assert.equal(await page.locator('#build-pack').innerText(), 'Build the pack')
    assert.equal(fs.existsSync(packFolder), false)
  })
  await noViolations(page, 'the pack page without a pack')
  await shoot(page, 'pack-none')

  // A POST without the CSRF token is refused and builds nothing.
  const forged = await admin.context.request.post(url + sitting + '/pack/build', { form: { csrf_token: 'forged' }, maxRedirects: 0 })
  await check('a build POST without the CSRF token is 403 and builds nothing', () => {
    assert.equal(forged.status(), 403)
    assert.equal(fs.existsSync(packFolder), false)
  })

  // The build, with the keyboard alone: Tab to the button, Enter.
  for (let tab = 0; tab < 60; tab++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(() => document.activeElement.id) === 'build-pack') break
  }
  await check('the build button is reached with Tab', async () => {
    assert.equal(await page.evaluate(() => document.activeElement.id), 'build-pack')
  })
  await page.keyboard.press('Enter')
  await page.waitForURL(url + sitting + '/pack/progress')
  await ready(page)
  await check('the progress page says how the build goes in a polite live region', async () => {
    assert.equal(await page.locator('#pack-progress').getAttribute('aria-live'), 'polite')
    assert.match(await page.locator('#pack-progress').innerText(), /pack/)
    // The script polls instead: the no-JavaScript button is not shown.
    assert.equal(await page.locator('#check-progress').isVisible(), false)
  })
  await noViolations(page, 'the progress page')
  await shoot(page, 'pack-progress')
  // The script polls progress.json and loads the page again when the build ends.
  await page.locator('.govuk-panel__title').waitFor({ timeout: 240000 })
  await ready(page)
  await check('the build reaches its end: the pack is built', async () => {
    assert.equal(await page.locator('.govuk-panel__title').innerText(), 'Pack built')
    assert.equal(await page.locator('#pack-progress').innerText(), 'The pack is built.')
    assert.ok(fs.existsSync(path.join(packFolder, 'manifest.json')))
  })
  await noViolations(page, 'the progress page at its end')
  await shoot(page, 'pack-built')
  const progress = await admin.context.request.get(url + sitting + '/pack/progress.json')
  await check('progress.json says done, with no-store', async () => {
    assert.equal(progress.status(), 200)
    assert.equal(progress.headers()['cache-control'], 'no-store')
    assert.equal((await progress.json()).state, 'done')
  })

  // Without JavaScript the progress page works too: it says how the build ended.
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await admin.context.storageState() })
  const plainPage = await plain.newPage()
  await plainPage.goto(url + sitting + '/pack/progress')
  await check('without JavaScript the progress page shows the same end', async () => {
    assert.equal(await plainPage.locator('#pack-progress').innerText(), 'The pack is built.')
  })
  await plain.close()

  // What is in it.
  await page.locator('#back-to-pack').click()
  await page.waitForURL(url + sitting + '/pack')
  await ready(page)
  const manifest = JSON.parse(fs.readFileSync(path.join(packFolder, 'manifest.json'), 'utf8'))
  await check('the pack page lists the manifest in words, up to date, not circulated', async () => {
    const table = await page.locator('#pack-documents').innerText()
    for (const file of manifest.files) assert.match(table, new RegExp(file.file.replace('.', '\\.')))
    assert.match(table, /Agenda/)
    assert.match(table, /LCS900102/)
    assert.match(await page.locator('#pack-freshness').innerText(), /Up to date/)
    assert.match(await page.locator('#pack-missing').innerText(), /LCS900108: Chronology was not received/)
    assert.match(await page.locator('#pack-not-circulated').innerText(), /No email has sent this pack/)
    assert.equal(await page.locator('#build-pack').innerText(), 'Build the pack again')
  })
  await noViolations(page, 'the pack page with a pack')
  await shoot(page, 'pack')

  // The zip through the page's link, the PDF through its own.
  const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#download-zip').click()])
  const zipFile = path.join(downloads, zipDownload.suggestedFilename())
  await zipDownload.saveAs(zipFile)
  const listing = spawnSync('unzip', ['-l', zipFile]).stdout.toString()
  await check('the zip downloads under its name and holds the agenda, the papers and the manifest', () => {
    assert.equal(zipDownload.suggestedFilename(), 'permanence-2026-12-15.zip')
    assert.match(listing, /00-agenda\.docx/)
    assert.match(listing, /01-2-LCS900102-care-plan\.docx/)
    assert.match(listing, /manifest\.json/)
  })
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#download-pdf').click()])
  const pdfFile = path.join(downloads, pdfDownload.suggestedFilename())
  await pdfDownload.saveAs(pdfFile)
  await check('the PDF downloads and is a PDF', () => {
    assert.equal(pdfDownload.suggestedFilename(), 'permanence-2026-12-15.pdf')
    assert.equal(fs.readFileSync(pdfFile).subarray(0, 5).toString(), '%PDF-')
  })
  const downloadsAudited = users(office, 'audit', '--action', 'download')
  await check('each download is audited with the pack and its kind', () => {
    assert.match(downloadsAudited, /permanence\/2026-12-15\/zip/)
    assert.match(downloadsAudited, /permanence\/2026-12-15\/pdf/)
  })
  const builds = users(office, 'audit', '--action', 'pack_build')
  const views = users(office, 'audit', '--action', 'view')
  await check('the build and the pack page views are audited by the sitting', () => {
    assert.match(builds, /permanence\/2026-12-15/)
    assert.match(views, /pack\s+permanence\/2026-12-15/)
  })

  // A viewer may read the pack page but not build.
  const viewer = await signedInPage({ user: 'vic.viewer@council.example', role: 'viewer', name: 'Vic Viewer', password: 'seven quiet owls at noon' })
  // The viewer's own, valid CSRF token (from a form of theirs): only the role refuses the POST.
  await viewer.page.goto(url + 'change-password')
  const viewerToken = await viewer.page.locator('input[name=csrf_token]').first().getAttribute('value')
  await viewer.page.goto(url + sitting + '/pack')
  const viewerBuild = await viewer.context.request.post(url + sitting + '/pack/build', { form: { csrf_token: viewerToken }, maxRedirects: 0 })
  await check('a viewer sees no build button and a build POST is 403', async () => {
    assert.equal(await viewer.page.locator('#build-pack').count(), 0)
    assert.equal(viewerBuild.status(), 403)
    assert.match(users(office, 'audit', '--action', 'page_refused', '--actor', 'vic.viewer@council.example'), /pack\/build/)
  })

  // A member of the panel: the page, but no download before the circulation.
  const member = await signedInPage({ user: 'mo.member@council.example', role: 'member', name: 'Mo Member', password: 'nine brass bells ringing', extra: ['--panel', 'permanence'] })
  await member.page.goto(url + 'panels')
  await ready(member.page)
  await check('a member sees only their panels on Your panels', async () => {
    assert.deepEqual(await member.page.locator('h2.govuk-heading-m').allInnerTexts(), ['Northbridge Permanence Panel'])
    assert.equal(await member.page.locator('h1').innerText(), 'Your panels')
  })
  await noViolations(member.page, 'Your panels')
  await shoot(member.page, 'pack-your-panels')
  await member.page.goto(url + sitting + '/pack')
  await ready(member.page)
  const early = await member.context.request.get(url + sitting + '/pack/download/zip')
  await check('before the circulation a member sees the pack page, no download links, and a download is 403', async () => {
    assert.equal(await member.page.locator('#download-zip').count(), 0)
    assert.equal(await member.page.locator('#build-pack').count(), 0)
    assert.equal(early.status(), 403)
  })
  await noViolations(member.page, 'the pack page for a member before the circulation')

  // tick at the pack deadline circulates the pack (the relay is not there: the emails wait).
  const tick = spawnSync(binary, ['tick', '--office', office, '--now', '2026-12-11T15:00:00Z'])
  assert.equal(tick.status, 0, tick.stderr.toString())
  await member.page.goto(url + sitting + '/pack')
  await ready(member.page)
  const memberZip = await member.context.request.get(url + sitting + '/pack/download/zip')
  await check('after the circulation the member downloads the zip', async () => {
    assert.equal(await member.page.locator('#download-zip').count(), 1)
    assert.equal(memberZip.status(), 200)
    assert.equal((await memberZip.body()).subarray(0, 2).toString(), 'PK')
  })
  await page.goto(url + sitting + '/pack')
  await ready(page)
  await check('the pack page lists the circulation emails, to whom and their state', async () => {
    const table = await page.locator('#pack-circulation').innerText()
    assert.match(table, /margaret\.oyelaran-hughes@northbridge\.example\.org/)
    assert.match(table, /waiting to try again/)
    assert.match(await page.locator('#pack-summary').innerText(), /Circulated/)
  })
  await noViolations(page, 'the pack page after the circulation')

  // A member of another panel: 403 for the page and the download, audited.
  const other = await signedInPage({ user: 'oz.other@council.example', role: 'member', name: 'Oz Other', password: 'four green hills far away', extra: ['--panel', 'aep'] })
  const otherPage = await other.page.goto(url + sitting + '/pack')
  await ready(other.page)
  const otherZip = await other.context.request.get(url + sitting + '/pack/download/zip')
  await check("a member of another panel gets 403 for the pack page and its download", async () => {
    assert.equal(otherPage.status(), 403)
    assert.equal(otherZip.status(), 403)
    assert.match(await other.page.locator('h1').innerText(), /You cannot see this page/)
  })
  await noViolations(other.page, 'the 403 page for another panel')
  const refused = users(office, 'audit', '--action', 'page_refused', '--actor', 'oz.other@council.example')
  await check('the refusals are audited as page_refused', () => {
    assert.equal((refused.match(/page_refused/g) ?? []).length, 2, refused)
  })

  // A booking changed after the build: the pack is out of date.
  const bookingsFile = path.join(office, 'bookings', 'permanence', '2026-12-15.json')
  const bookings = JSON.parse(fs.readFileSync(bookingsFile, 'utf8'))
  bookings.updatedAt = '2026-12-12T10:00:00+00:00'
  fs.writeFileSync(bookingsFile, JSON.stringify(bookings, null, 2))
  await page.goto(url + sitting + '/pack')
  await ready(page)
  await check('a booking changed since marks the pack out of date, naming the file, and says no addendum is due (the agenda is the same)', async () => {
    const freshness = await page.locator('#pack-freshness').innerText()
    assert.match(freshness, /Out of date/)
    assert.match(freshness, /bookings\/permanence\/2026-12-15\.json/)
    assert.match(await page.locator('.govuk-warning-text').innerText(), /their agenda has not changed, so no addendum is due/)
  })
  await noViolations(page, 'the pack page out of date')
  await shoot(page, 'pack-out-of-date')

  // Another run (the panelpack command, or tick) holds the sitting's pack lock: the console's
  // build says it is busy and changes nothing.
  const lockFile = path.join(office, 'packs', 'permanence', '.2026-12-15.lock')
  const holder = spawn('flock', ['-o', lockFile, 'sleep', '120'], { detached: true, stdio: 'ignore' })
  while (spawnSync('flock', ['-n', lockFile, 'true']).status === 0) await new Promise((resolve) => setTimeout(resolve, 50))
  try {
    const before = fs.readFileSync(path.join(packFolder, 'manifest.json'), 'utf8')
    await page.locator('#build-pack').click()
    await page.waitForURL(url + sitting + '/pack/progress')
    await page.locator('#back-to-pack').waitFor()
    await page.waitForFunction(() => document.querySelector('[data-pack-state]')?.dataset.packState === 'busy', null, { timeout: 60000 })
    await ready(page)
    await check('a build while another run holds the pack is shown as busy and changes nothing', async () => {
      assert.match(await page.locator('#pack-progress').innerText(), /another run .* is building this sitting's pack now/)
      assert.equal(fs.readFileSync(path.join(packFolder, 'manifest.json'), 'utf8'), before)
    })
    await noViolations(page, 'the progress page when busy')
    await shoot(page, 'pack-busy')
  } finally {
    process.kill(-holder.pid, 'SIGTERM') // flock and its sleep
  }

  // SIGTERM just after a build started: the server waits for it, so the pack is whole. (A copy
  // of the sample office as it comes: no PDF, so no second LibreOffice build.)
  const quick = sampleOffice('panelpack-pack-stop-')
  const quickServer = await startServer(quick)
  const quickContext = await browser.newContext()
  const quickPage = await quickContext.newPage()
  watch(quickPage, pageErrors)
  await accountSignedIn(quick, quickPage, quickServer.url, { user: 'sam.stop@council.example', role: 'administrator', name: 'Sam Stop', password: 'the last train home tonight' })
  await quickPage.goto(quickServer.url + sitting + '/pack')
  const quickToken = await quickPage.locator('input[name=csrf_token]').first().getAttribute('value')
  const started = await quickContext.request.post(quickServer.url + sitting + '/pack/build', { form: { csrf_token: quickToken }, maxRedirects: 0 })
  quickServer.child.kill('SIGTERM')
  const stopped = await quickServer.exited
  await quickContext.close()
  const quickFolder = path.join(quick, 'packs', 'permanence', '2026-12-15')
  await check('SIGTERM during a build: the server exits 0 after the build, and the pack is whole', () => {
    assert.equal(started.status(), 303)
    assert.deepEqual(stopped, { code: 0, signal: null })
    const written = JSON.parse(fs.readFileSync(path.join(quickFolder, 'manifest.json'), 'utf8'))
    for (const file of written.files) assert.ok(fs.existsSync(path.join(quickFolder, file.file)), file.file)
    assert.equal(spawnSync('unzip', ['-tq', path.join(quickFolder, written.zip.file)]).status, 0)
  })
  fs.rmSync(quick, { recursive: true, force: true })

  await check('the pages ran without a script error or a CSP refusal', () => {
    assert.deepEqual(pageErrors.filter((text) => !/40[34]/.test(text)), [])
  })
} finally {
  await shutDown(browser, server)
}
fs.rmSync(office, { recursive: true, force: true })
fs.rmSync(downloads, { recursive: true, force: true })
passed()
