// The Decision records page (issue 14, part B) in a browser against a copy of the sample office
// whose permanence 2026-12-15 records are agreed here as the chair's sign-off would leave them
// (LCS900102 and LCS900108 agreed, LCS900103 a draft), with a real SMTP server on 127.0.0.1
// (tests/mailer/smtp_server.py). The administrator opens it from the Sitting page, presses
// "Make and send the agreed records" with the keyboard alone, follows the progress page; the
// outbox has one row per social worker and team manager, and `panelpack tick` delivers them:
// the server receives each with the DOCX and PDF attached, the DOCX naming the child's
// reference. One record is marked on file with a case system reference (the decisions file
// shows it); a reference too long is refused beside its field, and a page opened before the file
// changed (the CLI marked another record) is refused with nothing written. Today and `panelpack status`
// count the records late at each step (a past sitting's file written here). A member is
// refused the page, a viewer the buttons (403), a POST without its CSRF token is 403 and
// changes nothing; the audit names ids. axe on every page and state; screenshots.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  artefacts, binary, check, launchChromium, noViolations, pageSignedInAs, passed, ready, sampleOffice,
  shoot, source, startServer, tabTo, users, shutDown
} from './console_harness.mjs'

const office = sampleOffice('panelpack-records-out-')
const sittingPath = 'sittings/permanence/2026-12-15'
const recordsPath = sittingPath + '/records'
const decisionsFile = path.join(office, 'decisions/permanence/2026-12-15.json')
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'))
const writeJson = (file, json) => fs.writeFileSync(file, JSON.stringify(json, null, 2))

// 1. The chair's sign-off, as part A writes it: two agreed, one a draft; nothing sent or on file.
const decisions = readJson(decisionsFile)
for (const decision of decisions.decisions) {
  delete decision.recordedDate
  delete decision.recordedOnSystem
  if (decision.caseRef !== 'LCS900103') {
    decision.agreed = { by: 'Margaret Oyelaran-Hughes', at: '2026-12-15T15:00:00+00:00', version: 1 }
  }
}
writeJson(decisionsFile, decisions)
// A past sitting whose records are late: one agreed not sent, one sent not on file.
const past = readJson(path.join(office, 'decisions/permanence/2026-12-08.json'))
past.date = '2026-11-17'
for (const decision of past.decisions) delete decision.recordedDate
past.decisions[1].circulatedAt = '2026-11-18T10:00:00+00:00'
writeJson(path.join(office, 'decisions/permanence/2026-11-17.json'), past)

// The children's names, which no subject, page or audit line may carry.
const childNames = ['LCS900102', 'LCS900103', 'LCS900108'].flatMap((ref) => {
  const child = readJson(path.join(office, 'cases', ref + '.json')).child
  return [child.firstName, child.lastName]
})
const namesPattern = new RegExp(childNames.join('|'))

// 2. A real SMTP server on a free loopback port, its messages in `maildir`.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'panelpack-records-out-smtp-'))
const maildir = path.join(work, 'mail')
fs.mkdirSync(maildir)
const portFile = path.join(work, 'port')
const smtp = spawn('/usr/bin/python3', [path.join(source, 'tests/mailer/smtp_server.py'), '--port', '0', '--port-file', portFile, '--maildir', maildir], { stdio: 'ignore' })
for (let wait = 0; wait < 100 && !(fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').trim()); wait++) {
  await new Promise((resolve) => setTimeout(resolve, 100))
}
const config = readJson(path.join(office, 'office.json'))
config.mail.smtp = { host: '127.0.0.1', port: Number(fs.readFileSync(portFile, 'utf8').trim()), security: 'plain' }
writeJson(path.join(office, 'office.json'), config)

function panelpack (...words) {
  return spawnSync(binary, [...words, '--office', office], { timeout: 180000 })
}
const recordRows = () => {
  const run = panelpack('outbox', 'list', '--json')
  assert.equal(run.status, 0, run.stderr.toString())
  return JSON.parse(run.stdout.toString()).rows.filter((row) => row.key.startsWith('decision_record|'))
}
// The messages the server received about decision records: recipients, subject, the attachments'
// names and the DOCX's text, read with Python's email package and zipfile.
function receivedRecords () {
  const script = `
import email, email.policy, io, json, os, sys, zipfile
out = []
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if not name.endswith('.eml'):
        continue
    message = email.message_from_bytes(open(os.path.join(folder, name), 'rb').read(), policy=email.policy.default)
    if 'Decision record' not in message['subject']:
        continue
    envelope = json.load(open(os.path.join(folder, name[:-4] + '.json')))
    files, text = [], ''
    for part in message.iter_attachments():
        files.append(part.get_filename())
        if part.get_filename().endswith('.docx'):
            with zipfile.ZipFile(io.BytesIO(part.get_content())) as docx:
                text = docx.read('word/document.xml').decode('utf-8')
    out.append({'to': envelope.get('rcpt_tos') or envelope.get('recipients'), 'subject': str(message['subject']), 'files': files, 'docx': text})
print(json.dumps(out))
`
  const run = spawnSync('/usr/bin/python3', ['-c', script, maildir])
  assert.equal(run.status, 0, run.stderr.toString())
  return JSON.parse(run.stdout.toString())
}

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const page = await pageSignedInAs(browser, office, url, errors, { user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' })

  // 3. From the Sitting page to the records.
  await page.goto(url + sittingPath)
  await ready(page)
  await page.getByRole('link', { name: 'Decision records' }).click()
  await page.waitForURL(/\/records$/)
  await ready(page)
  await check('the page shows the deadline and each child\'s state, no name', async () => {
    assert.equal(await page.locator('h1').innerText(), 'Decision records')
    assert.match(await page.locator('#records-due').innerText(), /^Due on the child's file by Tuesday 22 December 2026/)
    assert.equal(await page.locator('#record-LCS900102 .govuk-tag').first().innerText(), 'Agreed')
    assert.equal(await page.locator('#record-LCS900103 .govuk-tag').first().innerText(), 'Draft')
    assert.equal(await page.locator('#record-LCS900108 .govuk-tag').first().innerText(), 'Agreed')
    assert.doesNotMatch(await page.locator('main').innerText(), namesPattern)
  })
  await noViolations(page, 'the records, agreed')
  await shoot(page, 'records-out-agreed')

  // 4. Make and send, with the keyboard alone; the progress page until it ends.
  await tabTo(page, { text: 'Make and send the agreed records' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/records\/progress$/)
  await page.locator('.govuk-panel--confirmation, .govuk-panel__title').first().waitFor({ timeout: 120000 })
  await ready(page)
  await check('the progress page says what was queued, to whom, and that the draft was not', async () => {
    const words = await page.locator('#pack-progress').innerText()
    assert.match(words, /The record of LCS900102 is queued to Hannah Westerby \(social worker\) and Joanna Pellow \(team manager\)/)
    assert.match(words, /Not agreed by the chair yet, so not sent: LCS900103/)
    assert.doesNotMatch(words, namesPattern)
  })
  await noViolations(page, 'the progress page, ended')
  await shoot(page, 'records-out-progress')

  await check('the outbox has one row per social worker and team manager, keyed per version', () => {
    const rows = recordRows()
    assert.deepEqual(rows.map((row) => row.recipient).sort(), ['hannah.westerby@northbridge.example.org', 'joanna.pellow@northbridge.example.org', 'priya.ravenscroft@northbridge.example.org', 'ravi.sandhurst@northbridge.example.org'])
    for (const row of rows) {
      assert.match(row.key, /^decision_record\|permanence\|2026-12-15\|LCS9001(02|08)#v1\|/)
      assert.match(row.subject, /^OFFICIAL-SENSITIVE: Decision record for LCS9001(02|08) \([A-Z]+\), Northbridge Permanence Panel, Tuesday 15 December 2026$/)
      assert.doesNotMatch(row.subject, namesPattern)
    }
  })
  await check('the decisions file says sent, to whom', () => {
    const sent = readJson(decisionsFile).decisions.find((d) => d.caseRef === 'LCS900102')
    assert.match(sent.circulatedAt, /^\d{4}-\d\d-\d\dT/)
    assert.deepEqual(sent.circulatedTo.map((p) => p.email), ['hannah.westerby@northbridge.example.org', 'joanna.pellow@northbridge.example.org'])
    assert.equal(readJson(decisionsFile).decisions.find((d) => d.caseRef === 'LCS900103').circulatedAt, undefined)
  })

  // 5. A second send (a double click, a rerun) queues nothing.
  const again = await page.context().request.post(url + recordsPath + '/send', { form: { csrf_token: await page.locator('input[name=csrf_token]').first().inputValue() }, maxRedirects: 0 })
  assert.equal(again.status(), 303)
  await page.goto(url + recordsPath + '/progress')
  await page.locator('.govuk-panel__title, .govuk-body-l').first().waitFor()
  for (let wait = 0; wait < 100 && /Making|Starting/.test(await page.locator('#pack-progress').innerText()); wait++) {
    await page.waitForTimeout(200)
    await page.reload()
  }
  await check('sending again queues nothing more', () => assert.equal(recordRows().length, 4))

  // 6. The tick delivers them: the server receives each, with both files.
  const tick = panelpack('tick')
  await check('the SMTP server received one message per person with the DOCX and PDF', () => {
    const received = receivedRecords()
    assert.equal(received.length, 4, tick.stdout.toString() + tick.stderr.toString())
    const to102 = received.filter((m) => m.subject.includes('LCS900102'))
    assert.deepEqual(to102.map((m) => m.to).flat().sort(), ['hannah.westerby@northbridge.example.org', 'joanna.pellow@northbridge.example.org'])
    for (const message of to102) {
      assert.deepEqual(message.files, ['LCS900102 Permanence Panel decision 2026-12-15.docx', 'LCS900102 Permanence Panel decision 2026-12-15.pdf'])
      assert.match(message.docx, /LCS900102/)
      assert.doesNotMatch(message.subject, namesPattern)
    }
    for (const message of received.filter((m) => m.subject.includes('LCS900108'))) {
      assert.deepEqual(message.files, ['LCS900108 Permanence Panel decision 2026-12-15.docx', 'LCS900108 Permanence Panel decision 2026-12-15.pdf'])
    }
  })

  // 7. Sent: the files to download (audited), and the on-file form.
  await page.goto(url + recordsPath)
  await ready(page)
  await check('the sent records show their files and who they went to', async () => {
    assert.equal(await page.locator('#record-LCS900102 .govuk-tag').first().innerText(), 'Sent')
    assert.match(await page.locator('#record-LCS900102').innerText(), /Sent .* to Hannah Westerby \(Social worker\) and Joanna Pellow \(Team manager\)/)
    assert.equal(await page.getByRole('link', { name: 'LCS900102 Permanence Panel decision 2026-12-15.pdf' }).count(), 1)
  })
  await noViolations(page, 'the records, sent')
  await shoot(page, 'records-out-sent')
  const docx = await page.context().request.get(url + recordsPath + '/LCS900102/docx')
  await check('the DOCX downloads, and the download is audited by id', async () => {
    assert.equal(docx.status(), 200)
    assert.match(docx.headers()['content-disposition'], /LCS900102 Permanence Panel decision 2026-12-15\.docx/)
    assert.equal((await docx.body()).subarray(0, 2).toString(), 'PK')
    assert.match(users(office, 'audit'), /permanence\/2026-12-15 LCS900102 document/)
  })

  // 8. A reference too long: refused beside its field, nothing written.
  await page.locator('#reference-LCS900108').fill('X'.repeat(101))
  await page.getByRole('button', { name: 'Mark as on the child\'s file for LCS900108' }).click()
  await ready(page)
  await check('a reference over 100 characters is refused beside its field', async () => {
    assert.match(await page.locator('.govuk-error-summary').innerText(), /100 characters or fewer/)
    assert.match(await page.locator('#reference-LCS900108-error').innerText(), /100 characters or fewer/)
    assert.equal(readJson(decisionsFile).decisions.find((d) => d.caseRef === 'LCS900108').recordedDate, undefined)
  })
  await noViolations(page, 'the on-file form refused')
  await shoot(page, 'records-out-error')

  // 9. A page opened before someone else changed the file is refused, nothing written.
  await page.goto(url + recordsPath)
  await ready(page)
  const elsewhere = panelpack('records', 'on-file', 'permanence', '2026-12-15', 'LCS900108', '--reference', 'CLI-1')
  assert.equal(elsewhere.status, 0, elsewhere.stderr.toString())
  await page.locator('#reference-LCS900102').fill('DOC-4471')
  await page.getByRole('button', { name: 'Mark as on the child\'s file for LCS900102' }).click()
  await ready(page)
  await check('a stale on-file form is refused in words and writes nothing', async () => {
    assert.match(await page.locator('.govuk-error-summary').innerText(), /changed since the page was opened/)
    assert.equal(readJson(decisionsFile).decisions.find((d) => d.caseRef === 'LCS900102').recordedDate, undefined)
  })
  await noViolations(page, 'the on-file form out of date')

  // 10. On file, with the case system's reference.
  await page.goto(url + recordsPath)
  await ready(page)
  await page.locator('#reference-LCS900102').fill('DOC-4471')
  await page.getByRole('button', { name: 'Mark as on the child\'s file for LCS900102' }).click()
  await page.waitForURL(/done=on-file/)
  await ready(page)
  await check('the record is on the child\'s file, with its reference, in the page and the file', async () => {
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The record of LCS900102 is marked as on the child's file/)
    assert.equal(await page.locator('#record-LCS900102 .govuk-tag').first().innerText(), 'On the child\'s file')
    assert.match(await page.locator('#record-LCS900102').innerText(), /On the child's file from \w+day \d+ \w+ \d{4}, reference DOC-4471/)
    const marked = readJson(decisionsFile).decisions.find((d) => d.caseRef === 'LCS900102')
    assert.match(marked.recordedDate, /^\d{4}-\d\d-\d\d$/)
    assert.equal(marked.onFileReference, 'DOC-4471')
  })
  await noViolations(page, 'the record on file')
  await shoot(page, 'records-out-on-file')

  // 11. Today and status count what is late at each step.
  const deadlinePassed = Date.now() > Date.UTC(2026, 11, 22, 17, 0)
  // The past sitting's two, and after 15 December's deadline its draft (the others are on file).
  const expected = { notAgreed: deadlinePassed ? 1 : 0, notSent: 1, notOnFile: 1 }
  await page.goto(url + 'today')
  await ready(page)
  await check('Today counts the decision records late at each step', async () => {
    assert.equal(await page.locator('#late-not-agreed').innerText(), String(expected.notAgreed))
    assert.equal(await page.locator('#late-not-sent').innerText(), String(expected.notSent))
    assert.equal(await page.locator('#late-not-on-file').innerText(), String(expected.notOnFile))
  })
  await noViolations(page, 'Today with late records')
  // Today is long: the card alone shows what this part adds.
  await page.locator('#records-late').screenshot({ path: path.join(artefacts, 'console-records-out-today.png') })
  await check('panelpack status counts them too', () => {
    const status = JSON.parse(panelpack('status', '--json').stdout.toString())
    assert.deepEqual(status.recordsLate, expected)
  })

  // 12. Refusals: a POST without its token; a viewer; a member of the panel.
  const before = fs.readFileSync(decisionsFile, 'utf8')
  const forged = await page.context().request.post(url + recordsPath + '/LCS900102/on-file', { form: { reference: 'X' }, maxRedirects: 0 })
  await check('a POST without the CSRF token is 403 and changes nothing', () => {
    assert.equal(forged.status(), 403)
    assert.equal(fs.readFileSync(decisionsFile, 'utf8'), before)
  })
  const viewer = await pageSignedInAs(browser, office, url, errors, { user: 'vic.viewer@council.example', role: 'viewer', name: 'Vic Viewer', password: 'seven quiet owls at dusk' })
  await viewer.goto(url + recordsPath)
  await ready(viewer)
  await check('a viewer reads the records without any button, and cannot send (403)', async () => {
    assert.equal(await viewer.getByRole('button', { name: /Make and send|Mark as on/ }).count(), 0)
    const token = await viewer.locator('input[name=csrf_token]').first().inputValue()
    const post = await viewer.context().request.post(url + recordsPath + '/send', { form: { csrf_token: token }, maxRedirects: 0 })
    assert.equal(post.status(), 403)
  })
  await noViolations(viewer, 'the records a viewer sees')
  const member = await pageSignedInAs(browser, office, url, errors, { user: 'mo.member@council.example', role: 'member', name: 'Mo Member', password: 'nine brass bells ringing', extra: ['--panel', 'permanence'] })
  const refused = await member.goto(url + recordsPath)
  await check('a member of the panel is refused the records (403)', () => assert.equal(refused.status(), 403))
  await noViolations(member, 'the records refused to a member')

  // 13. The audit names ids, never a child.
  await check('made, sent and on file are audited by id', () => {
    const audit = users(office, 'audit')
    for (const words of [/record_made|Made a child's decision record/, /record_sent|Sent a decision record/, /record_on_file|Marked a decision record as on the child's file/]) {
      assert.match(audit, words)
    }
    assert.match(audit, /permanence\/2026-12-15 LCS900108/)
    assert.doesNotMatch(audit, namesPattern)
  })
  await check('no script error or CSP refusal on any page', () => {
    assert.deepEqual(errors.filter((e) => !/^Failed to load resource: the server responded with a status of (400|403)/.test(e)), [])
  })
  passed()
} finally {
  await shutDown(browser, server)
  smtp.kill()
}
