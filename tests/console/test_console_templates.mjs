// The Templates pages through the browser (issue 14, item 6). On a copy of the sample office
// (whose office.json names no template: the installed ones are used) the administrator sees
// the office's templates; uploads a referral with three mistakes made by this test in
// different paragraphs (a section left open, a misspelt field, a filter that does not exist)
// and is shown all three, in document order, each with the paragraph's words quoted, and
// nothing is installed; uploads one with a filter misspelt in five paragraphs (made with
// tests/templates/word_edits.py) and is shown the summary line and one entry for the five with
// each place (issue 16); uploads a correct one with a marker word, which is installed where the
// office reads it, and the next pack built for a sitting has the marker in its referrals;
// previews the new version and the one in use for a case (the download holds that case's
// reference), and the agenda for a booked case (refused beside the select for one booked
// nowhere); restores the previous version with the keyboard alone (the marker is gone from
// the installed file; the restore is a new version, nothing deleted). A viewer is refused
// (403), a POST without the CSRF token is 403 and changes nothing; every action is audited;
// axe finds no WCAG 2.2 A/AA violation on each page and state; screenshots go to
// PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  accountSignedIn, axeViolations, binary, check, launchChromium, pageSignedInAs, passed, ready,
  sampleOffice, shoot, shutDown, source, startServer, tabTo, users, watch
} from './console_harness.mjs'

// Python's zipfile edits and reads the packages: Node has no zip reader of its own.
const kEdit = `
import json, sys, zipfile
source, target, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as out:
    for item in original.infolist():
        data = original.read(item.filename)
        if item.filename == 'word/document.xml':
            text = data.decode('utf-8')
            for old, new in edits:
                assert old in text, old
                text = text.replace(old, new, 1)
            data = text.encode('utf-8')
        out.writestr(item, data)
`
const kText = `
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as package:
    name = 'word/document.xml' if 'word/document.xml' in package.namelist() else 'content.xml'
    print(re.sub(r'<[^>]+>', '', package.read(name).decode('utf-8')))
`
function python (script, ...words) {
  const run = spawnSync('/usr/bin/python3', ['-c', script, ...words])
  assert.equal(run.status, 0, run.stderr.toString())
  return run.stdout.toString()
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'panelpack-template-files-'))
function referralWith (name, edits) {
  const file = path.join(work, name)
  python(kEdit, path.join(source, 'templates', 'referral.docx'), file, JSON.stringify(edits))
  return file
}
const documentText = (file) => python(kText, file)
const fileBytes = (file) => fs.existsSync(file) ? fs.readFileSync(file) : null

async function noViolations (page) {
  assert.deepEqual(await axeViolations(page), [])
}

const mistakes = referralWith('referral-three-mistakes.docx', [
  ['{{caseRef}}', '{{#caseRef}}'],
  ['{{child.name}}', '{{child.nmae}}'],
  ['{{child.childId}}', '{{child.childId | shout}}']
])
const marked = referralWith('referral-marked.docx', [['{{caseRef}}', '{{caseRef}} Marker-Tulip']])
// The same filter misspelt in five paragraphs and a misspelt field, typed the way Word stores a
// retyped tag (tests/templates/word_edits.py): one entry for the five, with its places.
const kRepeated = `
import sys
sys.path.insert(0, sys.argv[1])
from word_edits import Package
package = Package.load(sys.argv[2])
package.mistype('{{child.dob | date | default:"Not recorded"}}', '{{child.dob | dat}}')
for _ in range(4):
    package.add_paragraph_after('{{child.childId}}', 'Born: {{child.dob | dat}}')
package.mistype('{{child.name}}', '{{child.nmae}}')
package.save(sys.argv[3])
`
const repeated = path.join(work, 'referral-repeated.docx')
python(kRepeated, path.join(source, 'tests', 'templates'), path.join(source, 'templates', 'referral.docx'), repeated)

const office = sampleOffice('panelpack-templates-')
const installed = path.join(office, 'templates', 'referral.docx')
const officeJson = path.join(office, 'office.json')
const officeBefore = fs.readFileSync(officeJson)
const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  watch(page, errors)
  const admin = await accountSignedIn(office, page, url, {
    user: 'tam.templates@council.example', role: 'administrator', name: 'Tam Templates', password: 'nine brass lanterns hum'
  })

  // 1. The office's templates.
  const list = await page.goto(url + 'templates')
  await ready(page)
  await check('the Templates page lists the six kinds with their file, format and version', async () => {
    assert.equal(list.status(), 200)
    assert.equal(await page.locator('table tbody tr').count(), 6)
    const text = await page.locator('table').innerText()
    assert.match(text, /Referral\s+referral\.docx \(installed with panelpack\)\s+DOCX\s+The first\s+With panelpack/)
    for (const words of ['Agenda', 'Matching report', 'Finance request', 'Decision record', 'Quarterly report']) {
      assert.match(text, new RegExp(words))
    }
  })
  await noViolations(page)
  await shoot(page, 'templates')

  await page.getByRole('link', { name: 'Referral', exact: true }).click()
  await page.waitForURL(url + 'templates/referral')
  await ready(page)
  await check("the referral's page has the upload, the preview and no versions yet", async () => {
    assert.equal((await page.locator('h1').innerText()).trim(), 'Referral template')
    assert.match(await page.locator('main').innerText(), /No new version has been installed yet/)
    assert.ok(await page.locator('#preview-case option[value=LCS900102]').count() === 1)
  })
  await noViolations(page)
  await shoot(page, 'templates-referral')

  // 2. Three mistakes: all shown, in document order, findable in Word; nothing installed.
  await page.locator('#template-file').setInputFiles(mistakes)
  const refused = page.waitForResponse((response) => response.request().method() === 'POST')
  await page.getByRole('button', { name: 'Check and install' }).click()
  const refusedResponse = await refused
  await ready(page)
  const summary = await page.locator('.govuk-error-summary').innerText()
  const cards = page.locator('[id^=mistake-]')
  await check('the three mistakes are shown, in document order, each with its paragraph quoted', async () => {
    assert.equal(refusedResponse.status(), 400)
    assert.match(summary, /The template has mistakes, so it was not installed/)
    // Where, in Word's terms: the heading above, the table, the row and the cell.
    assert.match(summary, /Mistake 1: under '1\. Referral details', table 'Case reference', row 'Case reference', right-hand cell: .*never closed/)
    assert.match(summary, /Mistake 2: under '2\. The child', table 'Name', row 'Name', right-hand cell: child\.nmae is not a field of the case schema/)
    assert.match(summary, /Mistake 3: under '2\. The child', table 'Name', row 'Child ID', right-hand cell: .*shout/)
    assert.equal(await cards.count(), 3)
    for (const [index, tag] of [[0, '{{#caseRef}}'], [1, '{{child.nmae}}'], [2, '{{child.childId | shout}}']]) {
      const card = await cards.nth(index).innerText()
      assert.match(card, /The paragraph\s+“[^”]+”/)
      assert.ok(card.includes(tag), card)
      assert.match(card, /What is wrong/)
      assert.match(card, /How to fix it/)
    }
    assert.equal(await page.getByRole('heading', { name: '3 mistakes to correct in Word' }).count(), 1)
    // The summary's links go to the mistakes.
    assert.equal(await page.locator('.govuk-error-summary a[href="#mistake-2"]').count(), 1)
  })
  await check('nothing was installed: no templates folder, office.json unchanged', () => {
    assert.equal(fs.existsSync(path.join(office, 'templates')), false)
    assert.deepEqual(fs.readFileSync(officeJson), officeBefore)
  })
  await noViolations(page)
  await shoot(page, 'templates-mistakes')

  // The same mistake typed in five paragraphs: one entry saying so, with each place.
  await page.locator('#template-file').setInputFiles(repeated)
  await page.getByRole('button', { name: 'Check and install' }).click()
  await ready(page)
  await check('a summary line first, and the mistake typed five times is one entry with its five places', async () => {
    assert.equal((await page.locator('#check-summary').innerText()).trim(), 'The check found 2 mistakes in 6 places')
    const lines = (await page.locator('.govuk-error-summary__list li').allInnerTexts()).filter((line) => line.startsWith('Mistake'))
    assert.equal(lines.length, 2, lines.join('\n'))
    assert.match(lines.join('\n'), /unknown filter 'dat' .*\(5 times, in 5 places\)/)
    const cards = page.locator('[id^=mistake-]')
    assert.equal(await cards.count(), 2)
    const card = await page.locator('[id^=mistake-]', { hasText: '{{child.dob | dat}}' }).innerText()
    assert.match(card, /Found\s+5 times, in 5 places/)
    // The card's own paragraph, then the places as Word shows them: the four paragraphs of one
    // cell read the same, so they are one line saying how many.
    assert.equal((card.match(/\{\{child\.dob \| dat\}\}”/g) || []).length, 3, card)
    assert.match(card, /row 'Child ID', right-hand cell, 4 paragraphs: “Born: \{\{child\.dob \| dat\}\}”/)
    assert.match(card, /row 'Date of birth', right-hand cell: “\{\{child\.dob \| dat\}\}”/)
    assert.match(card, /did you mean 'date'/)
    assert.equal(await page.getByRole('heading', { name: '2 mistakes to correct in Word' }).count(), 1)
    // A row is shown only with something in it (the fix and suggestion are set by some checks).
    for (const value of await page.locator('.govuk-summary-card dd.govuk-summary-list__value').allInnerTexts()) {
      assert.notEqual(value.trim(), '')
    }
    assert.equal(fs.existsSync(path.join(office, 'templates')), false)
  })
  await noViolations(page)
  await shoot(page, 'templates-repeated')

  // A file that is no template at all.
  const notDocx = path.join(work, 'notes.docx')
  fs.writeFileSync(notDocx, 'Only words, though named notes.docx')
  await page.locator('#template-file').setInputFiles(notDocx)
  await page.getByRole('button', { name: 'Check and install' }).click()
  await ready(page)
  await check('a file that is not a DOCX or ODT is refused beside the input', async () => {
    assert.match(await page.locator('#template-file-error').innerText(), /not a Word document \(\.docx\) or an OpenDocument text/)
    assert.equal(fs.existsSync(path.join(office, 'templates')), false)
  })
  await noViolations(page)

  // 3. The candidate previewed before it is installed.
  await page.locator('#template-file').setInputFiles(marked)
  await page.locator('#upload-case').selectOption('LCS900103')
  const [candidate] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Check and preview' }).click()])
  const candidateFile = path.join(work, 'candidate.docx')
  await candidate.saveAs(candidateFile)
  await check("the candidate's preview holds the case's reference and the marker, and installs nothing", () => {
    assert.equal(candidate.suggestedFilename(), 'preview-referral-LCS900103.docx')
    const text = documentText(candidateFile)
    assert.match(text, /LCS900103 Marker-Tulip/)
    assert.equal(fs.existsSync(installed), false)
  })

  // 4. A correct one: installed where the office reads it.
  await page.goto(url + 'templates/referral')
  await ready(page)
  await page.locator('#template-file').setInputFiles(marked)
  await page.locator('#template-why').fill('Marker for the test')
  await page.getByRole('button', { name: 'Check and install' }).click()
  await page.waitForURL(url + 'templates/referral?done=installed&version=2')
  await ready(page)
  await check('the correct template is installed as version 2, the one before kept as version 1', async () => {
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Version 2 of the referral template is installed/)
    assert.match(documentText(installed), /Marker-Tulip/)
    assert.equal(JSON.parse(fs.readFileSync(officeJson, 'utf8')).templates.referral, 'templates/referral.docx')
    const rows = await page.locator('#versions + table tbody tr, table tbody tr').allInnerTexts()
    assert.equal(rows.length, 2)
    assert.match(rows[0], /^2 \(DOCX\)\s+In use\s+\w+day \d+ December 2026 at \d\d:\d\d\s+tam\.templates@council\.example\s+Marker for the test/)
    assert.match(rows[1], /^1 \(DOCX\)[\s\S]*Not recorded\s+In use before the first install/)
    const index = JSON.parse(fs.readFileSync(path.join(office, 'templates', 'versions', 'referral', 'versions.json'), 'utf8'))
    assert.deepEqual(index.versions.map((v) => v.number), [1, 2])
  })
  await noViolations(page)
  await shoot(page, 'templates-installed')

  // 5. The next pack uses it.
  const pack = spawnSync(binary, ['pack', 'permanence', '2026-12-15', '--office', office])
  await check('the next pack built for a sitting has the marker in its referrals', () => {
    assert.equal(pack.status, 0, pack.stderr.toString())
    const folder = path.join(office, 'packs', 'permanence', '2026-12-15')
    const referrals = fs.readdirSync(folder, { recursive: true }).filter((name) => /referral.*\.docx$/i.test(name))
    assert.ok(referrals.length > 0, fs.readdirSync(folder, { recursive: true }).join(' '))
    for (const name of referrals) assert.match(documentText(path.join(folder, name)), /LCS9001\d\d Marker-Tulip/)
  })

  // 6. The one in use previewed for a case.
  await page.locator('#preview-case').selectOption('LCS900102')
  const [preview] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Preview', exact: true }).click()])
  const previewFile = path.join(work, 'preview.docx')
  await preview.saveAs(previewFile)
  await check("the preview of the one in use holds LCS900102's reference", () => {
    assert.equal(preview.suggestedFilename(), 'preview-referral-LCS900102.docx')
    assert.match(documentText(previewFile), /LCS900102 Marker-Tulip/)
  })

  // 7. Restore version 1 with the keyboard alone, after "Are you sure".
  await page.goto(url + 'templates/referral')
  await ready(page)
  await tabTo(page, { text: 'Restore this version (version 1)' })
  await page.keyboard.press('Enter')
  await page.waitForURL(url + 'templates/referral/versions/1/restore')
  await ready(page)
  await check('"Are you sure" changes nothing yet', async () => {
    assert.match(await page.locator('h1').innerText(), /restore version 1 of the referral template/)
    assert.match(documentText(installed), /Marker-Tulip/)
  })
  await noViolations(page)
  await shoot(page, 'templates-restore')
  await tabTo(page, { text: 'Yes, restore version 1' })
  await page.keyboard.press('Enter')
  await page.waitForURL(url + 'templates/referral?done=restored&version=3')
  await ready(page)
  await check('the restore makes version 1 current as version 3, the marker gone, nothing deleted', async () => {
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /now version 3, restored/)
    assert.doesNotMatch(documentText(installed), /Marker-Tulip/)
    assert.deepEqual(fs.readFileSync(installed), fs.readFileSync(path.join(source, 'templates', 'referral.docx')))
    const rows = await page.locator('table tbody tr').allInnerTexts()
    assert.equal(rows.length, 3)
    assert.match(rows[0], /^3 \(DOCX\)\s+In use[\s\S]*Restored version 1/)
    assert.equal(fs.readdirSync(path.join(office, 'templates', 'versions', 'referral')).filter((n) => n.endsWith('.docx')).length, 3)
  })
  await noViolations(page)
  await shoot(page, 'templates-restored')

  const version2 = await context.request.get(url + 'templates/referral/versions/2')
  await check('an old version downloads as it was installed', async () => {
    assert.equal(version2.status(), 200)
    assert.deepEqual(Buffer.from(await version2.body()), fs.readFileSync(marked))
  })

  // The agenda's preview: the agenda of the sitting the chosen case is booked into.
  await page.goto(url + 'templates/agenda')
  await ready(page)
  await noViolations(page)
  const options = await page.locator('#preview-case option').allInnerTexts()
  const unbooked = options.find((text) => !text.includes('(booked)'))
  await page.locator('#preview-case').selectOption('LCS900108')
  const [agenda] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Preview', exact: true }).click()])
  const agendaFile = path.join(work, 'agenda.docx')
  await agenda.saveAs(agendaFile)
  await check("the agenda's preview is the agenda of LCS900108's sitting", () => {
    assert.equal(agenda.suggestedFilename(), 'preview-agenda-LCS900108.docx')
    assert.match(documentText(agendaFile), /LCS900108/)
  })
  if (unbooked) {
    await page.locator('#preview-case').selectOption(unbooked.trim())
    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    await ready(page)
    await check('an agenda preview for a case booked into no sitting is refused beside the select', async () => {
      assert.match(await page.locator('#preview-case-error').innerText(), /is booked into no sitting/)
      assert.equal(await page.locator('.govuk-error-summary a[href="#preview-case"]').count(), 1)
    })
    await noViolations(page)
    await shoot(page, 'templates-preview-refused')
  }

  // 8. Refusals: no CSRF token; a viewer.
  const current = fs.readFileSync(installed)
  const forged = await context.request.post(url + 'templates/referral/versions/2/restore',
    { form: { csrf_token: 'forged' }, maxRedirects: 0 })
  const forgedUpload = await context.request.post(url + 'templates/referral',
    { multipart: { csrf_token: 'forged', action: 'install', template_file: { name: 'r.docx', mimeType: 'application/octet-stream', buffer: fs.readFileSync(marked) } }, maxRedirects: 0 })
  await check('a restore or upload without the CSRF token is 403 and nothing changes', () => {
    assert.equal(forged.status(), 403)
    assert.equal(forgedUpload.status(), 403)
    assert.deepEqual(fs.readFileSync(installed), current)
  })
  const viewer = await pageSignedInAs(browser, office, url, errors, {
    user: 'vic.viewer@council.example', role: 'viewer', name: 'Vic Viewer', password: 'four grey herons wait'
  })
  const viewerList = await viewer.goto(url + 'templates')
  const viewerPage = await viewer.goto(url + 'templates/referral')
  const viewerToken = await viewer.locator('input[name=csrf_token]').first().inputValue().catch(() => '')
  const viewerRestore = await viewer.context().request.post(url + 'templates/referral/versions/2/restore',
    { form: { csrf_token: viewerToken }, maxRedirects: 0 })
  await check('a viewer is refused the Templates pages and a restore (403), nothing changed', () => {
    assert.equal(viewerList.status(), 403)
    assert.equal(viewerPage.status(), 403)
    assert.equal(viewerRestore.status(), 403)
    assert.deepEqual(fs.readFileSync(installed), current)
  })

  // 9. The audit.
  const audit = users(office, 'audit')
  await check('installs, refusals, previews and restores are in the audit, by id', () => {
    assert.match(audit, new RegExp(`${admin.user.replace(/\./g, '\\.')}\\s+template_refused\\s+template referral\\s+has_errors`))
    assert.match(audit, /template_refused\s+template referral\s+not_a_template/)
    assert.match(audit, /template_installed\s+template referral version 2\s+ok/)
    assert.match(audit, /template_previewed\s+template referral LCS900103\s+ok/)
    assert.match(audit, /template_previewed\s+template referral LCS900102\s+ok/)
    assert.match(audit, /template_previewed\s+template agenda LCS900108\s+ok/)
    assert.match(audit, /template_restored\s+template referral version 1 as version 3\s+ok/)
  })

  const unexpected = errors.filter((text) => !/^Failed to load resource: .* (400|403|404) /.test(text))
  await check('no script error or CSP refusal on any page', () => assert.deepEqual(unexpected, []))
} finally {
  await shutDown(browser, server)
}
passed()
