// A whole sitting of the sample office, from the record to the child's file, in a browser (issue
// 14's first "done when"): permanence 2026-12-15's decisions file is deleted from a copy of the
// sample office; the administrator records LCS900102, LCS900103 and LCS900108, each with an
// action; the chair (a chair account) signs them all off; the administrator makes and sends the
// records, and `panelpack tick` delivers them to a real SMTP server on 127.0.0.1, which receives
// one message per social worker and team manager with the DOCX and the PDF attached; each is
// marked on the child's file; the Actions page lists the three actions and one is marked done;
// the tracker lists the three decisions on file and the quarter's report counts them (as
// `panelpack report --json` does, three more than before). The audit CSV holds every state
// change: drafted, completed, agreed, sent, on file, action done. axe finds no violation on the
// pages met on the way.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  binary, check, launchChromium, noViolations, pageSignedInAs, passed, ready, sampleOffice,
  shoot, shutDown, source, startServer
} from './console_harness.mjs'

const office = sampleOffice('panelpack-whole-sitting-')
const sittingPath = 'sittings/permanence/2026-12-15'
const decisionsFile = path.join(office, 'decisions', 'permanence', '2026-12-15.json')
const cases = ['LCS900102', 'LCS900103', 'LCS900108']
fs.rmSync(decisionsFile)
const decisions = () => JSON.parse(fs.readFileSync(decisionsFile, 'utf8')).decisions
const decisionOf = (ref) => decisions().find((d) => d.caseRef === ref)

function panelpack (...words) {
  const run = spawnSync(binary, [...words, '--office', office], { timeout: 180000 })
  assert.equal(run.status, 0, `panelpack ${words.join(' ')}: ${run.stderr}`)
  return run.stdout.toString()
}
const decisionsInQuarter = () => JSON.parse(panelpack('report', '--quarter', '2026-Q4', '--json'))
  .outcomes.reduce((sum, outcome) => sum + outcome.count, 0)
const before = decisionsInQuarter()

// A real SMTP server on loopback; the office's relay points at it.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'panelpack-whole-sitting-mail-'))
const maildir = path.join(work, 'mail')
fs.mkdirSync(maildir)
const portFile = path.join(work, 'port')
const smtp = spawn('/usr/bin/python3', [path.join(source, 'tests/mailer/smtp_server.py'), '--port', '0', '--port-file', portFile, '--maildir', maildir], { stdio: 'ignore' })
for (let wait = 0; wait < 100 && !(fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').trim()); wait++) {
  await new Promise((resolve) => setTimeout(resolve, 100))
}
const config = JSON.parse(fs.readFileSync(path.join(office, 'office.json'), 'utf8'))
config.mail.smtp = { host: '127.0.0.1', port: Number(fs.readFileSync(portFile, 'utf8').trim()), security: 'plain' }
fs.writeFileSync(path.join(office, 'office.json'), JSON.stringify(config, null, 2))

// The decision-record messages the server received: envelope recipients, subject and the
// attachments' names, read with Python's email package.
function receivedRecords () {
  const script = `
import email, email.policy, json, os, sys
out = []
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if not name.endswith('.eml'):
        continue
    message = email.message_from_bytes(open(os.path.join(folder, name), 'rb').read(), policy=email.policy.default)
    if 'Decision record' not in str(message['subject']):
        continue
    envelope = json.load(open(os.path.join(folder, name[:-4] + '.json')))
    files = [part.get_filename() for part in message.iter_attachments()]
    out.append({'to': envelope.get('rcpt_tos') or envelope.get('recipients'), 'subject': str(message['subject']), 'files': files})
print(json.dumps(out))
`
  const run = spawnSync('/usr/bin/python3', ['-c', script, maildir])
  assert.equal(run.status, 0, run.stderr.toString())
  return JSON.parse(run.stdout.toString())
}

// The social worker's and team manager's addresses in a case file.
function allocatedEmails (ref) {
  const file = JSON.parse(fs.readFileSync(path.join(office, 'cases', ref + '.json'), 'utf8'))
  return [file.professionals?.socialWorker?.email, file.professionals?.teamManager?.email].filter(Boolean).map((e) => e.toLowerCase()).sort()
}

// One child's record, typed into the form and saved with the Save button.
async function record (page, ref, action, owner) {
  await page.goto(url + sittingPath + '/record')
  await ready(page)
  await page.getByRole('link', { name: 'Record the decision for ' + ref }).click()
  await ready(page)
  await page.locator('#outcome').check()
  await page.locator('#rationale').fill(`Fictional rationale for ${ref}: the plan meets the child's needs.`)
  await page.locator('#action-1-what').fill(action)
  await page.locator('#action-1-who').selectOption('other')
  await page.locator('#action-1-other-name').fill(owner.name)
  await page.locator('#action-1-other-email').fill(owner.email)
  await page.locator('#action-1-due-day').fill('8')
  await page.locator('#action-1-due-month').fill('1')
  await page.locator('#action-1-due-year').fill('2027')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.waitForURL(/done=saved/)
  await ready(page)
}

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const admin = await pageSignedInAs(browser, office, url, errors, { user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' })

  // 1. The administrator records the three children.
  const owners = {
    LCS900102: { name: 'Fiona McAllister', email: 'fiona.mcallister@northbridge.example.org' },
    LCS900103: { name: 'Declan Fairweather', email: 'declan.fairweather@northbridge.example.org' },
    LCS900108: { name: 'Tomasz Wieczorek', email: 'tomasz.wieczorek@northbridge.example.org' }
  }
  for (const ref of cases) await record(admin, ref, `Fictional action for ${ref}.`, owners[ref])
  await check('the decisions file holds the three records, drafts, each with its action', () => {
    assert.deepEqual(decisions().map((d) => d.caseRef).sort(), cases)
    for (const ref of cases) {
      const decision = decisionOf(ref)
      assert.equal(decision.outcome, 'plan_ratified')
      assert.equal(decision.agreed, undefined)
      assert.deepEqual(decision.actions.map((a) => [a.id, a.owner.email, a.dueDate, a.status]), [['A1', owners[ref].email, '2027-01-08', 'open']])
    }
  })

  // 2. The chair signs them all off.
  const chair = await pageSignedInAs(browser, office, url, errors, { user: 'margaret.chair@council.example', role: 'chair', name: 'Margaret Oyelaran-Hughes', password: 'four tall ferns by the gate' })
  await chair.goto(url + sittingPath + '/record')
  await ready(chair)
  await chair.getByRole('button', { name: 'Sign off all complete records' }).click()
  await chair.waitForLoadState()
  await ready(chair)
  await check('every record is agreed by the chair, version 1', async () => {
    for (const ref of cases) {
      assert.equal(decisionOf(ref).agreed?.by, 'Margaret Oyelaran-Hughes', ref)
      assert.equal(decisionOf(ref).agreed?.version, 1, ref)
    }
    assert.deepEqual(await chair.locator('#records .govuk-tag').allInnerTexts(), ['Agreed', 'Agreed', 'Agreed'])
  })
  await noViolations(chair, 'the Record page, all signed off')
  await shoot(chair, 'whole-sitting-agreed')

  // 3. The administrator makes and sends the records; the tick delivers them.
  await admin.goto(url + sittingPath + '/records')
  await ready(admin)
  await admin.getByRole('button', { name: 'Make and send the agreed records' }).click()
  await admin.waitForURL(/\/records\/progress$/)
  await admin.locator('.govuk-panel--confirmation, .govuk-panel__title').first().waitFor({ timeout: 240000 })
  await ready(admin)
  await check('each record is marked sent to its social worker and team manager', () => {
    for (const ref of cases) {
      const decision = decisionOf(ref)
      assert.ok(decision.circulatedAt, ref)
      assert.deepEqual(decision.circulatedTo.map((p) => p.email.toLowerCase()).sort(), allocatedEmails(ref), ref)
    }
  })
  panelpack('tick')
  await check('the SMTP server received each record, to the right people, with the DOCX and PDF', () => {
    const received = receivedRecords()
    for (const ref of cases) {
      const mine = received.filter((m) => m.subject.includes(ref))
      assert.deepEqual(mine.flatMap((m) => m.to.map((t) => t.toLowerCase())).sort(), allocatedEmails(ref), ref)
      for (const message of mine) {
        assert.match(message.subject, /^OFFICIAL-SENSITIVE/)
        assert.deepEqual(message.files.sort(), [`${ref} Permanence Panel decision 2026-12-15.docx`, `${ref} Permanence Panel decision 2026-12-15.pdf`])
      }
    }
    assert.equal(received.length, cases.reduce((sum, ref) => sum + allocatedEmails(ref).length, 0))
  })

  // 4. Each goes on the child's file.
  await admin.goto(url + sittingPath + '/records')
  await ready(admin)
  for (const ref of cases) {
    await admin.locator('#reference-' + ref).fill('DOC-' + ref.slice(-3))
    await admin.getByRole('button', { name: 'Mark as on the child\'s file for ' + ref }).click()
    await admin.waitForURL(/done=on-file/)
    await ready(admin)
  }
  await check('every record is on the child\'s file with its reference', async () => {
    for (const ref of cases) {
      assert.equal(decisionOf(ref).onFileReference, 'DOC-' + ref.slice(-3))
      assert.match(decisionOf(ref).recordedDate, /^\d{4}-\d\d-\d\d$/)
    }
    for (const ref of cases) assert.equal(await admin.locator(`#record-${ref} .govuk-tag`).first().innerText(), 'On the child\'s file')
  })
  await noViolations(admin, 'the Decision records page, all on file')
  await shoot(admin, 'whole-sitting-on-file')

  // 5. The actions, one marked done.
  await admin.goto(url + 'actions?panel=permanence')
  await ready(admin)
  await check('the Actions page lists the three new actions', async () => {
    const text = await admin.locator('main').innerText()
    for (const ref of cases) assert.match(text, new RegExp(`Fictional action for ${ref}`))
  })
  await admin.locator('a[href*="/2026-12-15/LCS900103/A1/done"]').click()
  await ready(admin)
  await admin.locator('#completion-note').fill('Done, as the fictional test says.')
  await admin.getByRole('button', { name: 'Mark as done' }).click()
  await admin.waitForLoadState()
  await ready(admin)
  await check('the action is done in the file; the record stays agreed at version 1', () => {
    const action = decisionOf('LCS900103').actions[0]
    assert.equal(action.status, 'done')
    assert.equal(action.completionNote, 'Done, as the fictional test says.')
    assert.equal(decisionOf('LCS900103').agreed.version, 1)
  })

  // 6. The tracker and the quarter's report show them.
  await admin.goto(url + 'reports/tracker')
  await ready(admin)
  await check('the tracker lists the three decisions of 15 December', async () => {
    const rows = await admin.locator('#decisions-table tbody tr').allInnerTexts()
    for (const ref of cases) assert.ok(rows.some((row) => row.includes(ref) && row.includes('15 Dec 2026')), ref)
  })
  await noViolations(admin, 'the tracker after the sitting')
  const after = decisionsInQuarter()
  await admin.goto(url + 'reports/quarterly/2026-Q4')
  await ready(admin)
  await check('the quarter counts three decisions more than before the sitting was recorded', async () => {
    assert.equal(after, before + 3)
    const counts = await admin.locator('#chart-outcomes-table tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll('td')[0].textContent.trim())))
    assert.equal(counts.reduce((sum, n) => sum + n, 0), after)
  })

  // 7. The audit CSV has every state change.
  const csv = await (await admin.context().request.get(url + 'admin/audit.csv')).text()
  await check('the exported audit has drafted, completed, agreed, sent, on file and action done', () => {
    for (const code of ['record_drafted', 'record_completed', 'record_agreed', 'record_sent', 'record_on_file', 'action_done']) {
      assert.match(csv, new RegExp(`,${code},`), code)
    }
    for (const ref of cases) assert.match(csv, new RegExp(`record_on_file,[^\\n]*${ref}`), ref)
    assert.doesNotMatch(csv, /Fictional rationale|Fictional action/)
  })
  assert.deepEqual(errors, [])
} finally {
  smtp.kill()
  await shutDown(browser, server)
}
passed()
