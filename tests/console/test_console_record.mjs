// Recording a sitting and signing its records off, in a browser against a copy of the sample
// office whose permanence 2026-12-15 decisions file is deleted (the whole-sitting scenario of
// issue 14): the administrator records LCS900102 (Save button), LCS900103 (saved as typed) and
// LCS900108 (the keyboard alone), each with an action, and the decisions file holds them, valid;
// a tab closed just after typing loses nothing; a member is refused (403), a POST without its
// token is 403 and changes nothing; a chair may not edit a draft; a stale "Sign off all" is
// refused (409); the chair signs one off on its page, then all the others, and the file shows
// "agreed"; the chair changes one with a reason (version 2, version 1 kept in the history file);
// a second chair cannot change it; the administrator cannot change a signed record; a viewer
// reads. axe finds no WCAG 2.2 A/AA violation in each page and state; screenshots go to
// PANELPACK_ARTEFACTS as console-record-*.png.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import {
  binary, check, launchChromium, noViolations, pageSignedInAs, passed, ready, sampleOffice,
  shoot, shutDown, startServer, tabTo, users
} from './console_harness.mjs'

const office = sampleOffice('panelpack-record-')
const sittingPath = 'sittings/permanence/2026-12-15'
const recordPath = sittingPath + '/record'
const decisionsFile = path.join(office, 'decisions', 'permanence', '2026-12-15.json')
const historyFile = path.join(office, 'decisions', 'permanence', 'history', '2026-12-15.json')
const draftsFile = path.join(office, 'decisions', 'permanence', 'drafts', '2026-12-15.json')
fs.rmSync(decisionsFile)
const bytesOf = (file) => fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(none)'
const decisions = () => JSON.parse(fs.readFileSync(decisionsFile, 'utf8')).decisions
const decisionOf = (ref) => decisions().find((d) => d.caseRef === ref)

// Clicks (or presses Enter on) what `act` does and answers the POST's response status.
async function postStatus (page, act) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    act()
  ])
  await page.waitForLoadState()
  return response.status()
}

// Waits for the script's save of the form (a POST carrying autosave=1) and its answer.
function autosaved (page) {
  return page.waitForResponse((r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('autosave=1'))
}

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const admin = await pageSignedInAs(browser, office, url, errors, { user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' })

  // 1. From the Sitting page to the Record page.
  await admin.goto(url + sittingPath)
  await ready(admin)
  await admin.getByRole('link', { name: 'Record the panel' }).click()
  await ready(admin)
  await check('the Record page lists the booked children in agenda order, none started', async () => {
    assert.equal(await admin.locator('h1').innerText(), 'Record the panel')
    const refs = await admin.locator('#records tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.caseRef))
    assert.deepEqual(refs, ['LCS900102', 'LCS900103', 'LCS900108'])
    assert.deepEqual(await admin.locator('#records .govuk-tag').allInnerTexts(), ['Not started', 'Not started', 'Not started'])
    assert.equal(await admin.getByRole('link', { name: 'Record the decision for LCS900102' }).count(), 1)
  })
  await noViolations(admin, 'the Record page')
  await shoot(admin, 'record-list')

  // 2. LCS900102 with the Save button.
  await admin.getByRole('link', { name: 'Record the decision for LCS900102' }).click()
  await ready(admin)
  await noViolations(admin, 'an empty record form')
  await admin.locator('#outcome').check()
  await admin.locator('#rationale').fill('Special guardianship keeps Leah with her brother within her family.')
  await admin.locator('#summary').fill('The panel heard the plan for Leah to stay with her aunt.')
  await admin.locator('#primary-plan').selectOption('sgo')
  await admin.locator('#parallel-plans-long-term-fostering').check()
  await admin.locator('#contingency-plan').selectOption('long_term_fostering')
  await admin.locator('#monitoring').check()
  await admin.locator('#next-review-day').fill('26')
  await admin.locator('#next-review-month').fill('1')
  await admin.locator('#next-review-year').fill('2027')
  await admin.locator('#adm-required').check()
  await admin.locator('#action-1-what').fill('File the final special guardianship support plan.')
  await admin.locator('#action-1-who').selectOption('declan.fairweather@northbridge.example.org')
  await admin.locator('#action-1-due-day').fill('18')
  await admin.locator('#action-1-due-month').fill('12')
  await admin.locator('#action-1-due-year').fill('2026')
  await shoot(admin, 'record-form')
  await admin.getByRole('button', { name: 'Save', exact: true }).click()
  await admin.waitForURL(/done=saved/)
  await ready(admin)
  await check('the Save button writes the complete record into the decisions file', async () => {
    assert.match(await admin.locator('.govuk-notification-banner').innerText(), /The record of LCS900102 is saved/)
    const decision = decisionOf('LCS900102')
    assert.equal(decision.outcome, 'plan_ratified')
    assert.equal(decision.agreedPrimaryPlan, 'sgo')
    assert.deepEqual(decision.agreedParallelPlans, ['long_term_fostering'])
    assert.equal(decision.agreedContingencyPlan, 'long_term_fostering')
    assert.equal(decision.monitoring, 'pptm_review')
    assert.equal(decision.nextReviewDate, '2027-01-26')
    assert.deepEqual(decision.adm, { required: true })
    assert.deepEqual(decision.actions, [{
      id: 'A1',
      description: 'File the final special guardianship support plan.',
      owner: { name: 'Declan Fairweather', role: 'Legal adviser', team: 'Legal Services', email: 'declan.fairweather@northbridge.example.org' },
      dueDate: '2026-12-18',
      status: 'open'
    }])
    assert.equal(decision.agreed, undefined)
  })

  // 3. "Add another action" is a round trip that keeps what is there.
  await admin.getByRole('button', { name: 'Add another action' }).click()
  await admin.waitForURL(/rows=2/)
  await ready(admin)
  await check('"Add another action" adds a row and keeps the record', async () => {
    assert.equal(await admin.locator('#action-2-what').count(), 1)
    assert.equal(await admin.locator('#action-1-what').inputValue(), 'File the final special guardianship support plan.')
    assert.equal(decisionOf('LCS900102').actions.length, 1)
  })

  // 4. LCS900103 saved as it is typed, with someone else's action; an error shown beside its field.
  await admin.goto(url + recordPath + '/LCS900103')
  await ready(admin)
  let saved = autosaved(admin)
  await admin.locator('#outcome').check()
  await saved
  await admin.locator('#rationale').fill('The same plan as his sister keeps them together.')
  await admin.locator('#action-1-what').fill('Add therapeutic support to the support plan.')
  await admin.locator('#action-1-who').selectOption('other')
  await admin.locator('#action-1-other-name').fill('Fiona McAllister')
  await admin.locator('#action-1-other-email').fill('fiona at northbridge')
  await admin.locator('#action-1-due-day').fill('8')
  await admin.locator('#action-1-due-month').fill('1')
  saved = autosaved(admin)
  await admin.locator('#action-1-due-year').fill('2027')
  await admin.locator('#action-1-due-year').blur()
  await saved
  await admin.locator('#record-saved', { hasText: 'Saved at' }).waitFor()
  await check('saved as typed: an action with a wrong email keeps the record out of the decisions file', async () => {
    assert.match(await admin.locator('#record-saved').innerText(), /Saved at \d\d:\d\d\. Not complete yet/)
    assert.equal(decisionOf('LCS900103'), undefined)
    assert.equal(JSON.parse(bytesOf(draftsFile)).drafts.LCS900103.entry.actions[0].otherEmail, 'fiona at northbridge')
  })
  await admin.reload()
  await ready(admin)
  await check('the page shows the mistake beside its field', async () => {
    assert.match(await admin.locator('#action-1-other-email-error').innerText(), /is not an email address/)
    assert.match(await admin.locator('.govuk-error-summary').innerText(), /The email address of who is to do action 1/)
  })
  await noViolations(admin, 'a record form with an error')
  await shoot(admin, 'record-form-error')
  saved = autosaved(admin)
  await admin.locator('#action-1-other-email').fill('fiona.mcallister@northbridge.example.org')
  await admin.locator('#action-1-other-email').blur()
  await saved
  await admin.locator('#record-saved', { hasText: /Saved at \d\d:\d\d\.$/ }).waitFor()
  await check('put right, the record is complete and in the decisions file', () => {
    const decision = decisionOf('LCS900103')
    assert.equal(decision.rationale, 'The same plan as his sister keeps them together.')
    assert.deepEqual(decision.actions[0].owner, { name: 'Fiona McAllister', email: 'fiona.mcallister@northbridge.example.org' })
    assert.equal(decision.actions[0].dueDate, '2027-01-08')
  })

  // 5. A tab closed just after typing: the text is on the server.
  saved = autosaved(admin)
  await admin.locator('#summary').fill('Typed just before the tab was closed.')
  await saved
  await admin.close()
  const again = await admin.context().newPage()
  await again.goto(url + recordPath + '/LCS900103')
  await ready(again)
  await check('a new tab finds what was typed before the tab closed', async () => {
    assert.equal(await again.locator('#summary').inputValue(), 'Typed just before the tab was closed.')
    assert.equal(decisionOf('LCS900103').summary, 'Typed just before the tab was closed.')
  })

  // 6. LCS900108 with the keyboard alone.
  await again.goto(url + recordPath + '/LCS900108')
  await ready(again)
  await tabTo(again, { id: 'outcome' })
  await again.keyboard.press('Space')
  await tabTo(again, { id: 'rationale' })
  await again.keyboard.type('A new long-term placement is to be found; the panel asks for a matching report.')
  await tabTo(again, { id: 'action-1-what' })
  await again.keyboard.type('Find a new long-term foster placement for Arjun.')
  await tabTo(again, { id: 'action-1-who' })
  await again.keyboard.type('Tomasz')
  await tabTo(again, { id: 'action-1-due-day' })
  await again.keyboard.type('29')
  await tabTo(again, { id: 'action-1-due-month' })
  await again.keyboard.type('1')
  await tabTo(again, { id: 'action-1-due-year' })
  await again.keyboard.type('2027')
  await tabTo(again, { text: 'Save' })
  await again.keyboard.press('Enter')
  await again.waitForURL(/done=saved/)
  await ready(again)
  await check('by keyboard alone, LCS900108 is recorded with its action', () => {
    const decision = decisionOf('LCS900108')
    assert.equal(decision.outcome, 'plan_ratified')
    assert.match(decision.rationale, /matching report/)
    assert.equal(decision.actions[0].owner.email, 'tomasz.wieczorek@northbridge.example.org')
    assert.equal(decision.actions[0].dueDate, '2027-01-29')
  })

  // 7. The decisions file the CLI reads: three decisions, valid.
  await check('the decisions file holds the three records and panelpack validates it', () => {
    assert.deepEqual(decisions().map((d) => d.caseRef), ['LCS900102', 'LCS900103', 'LCS900108'])
    const run = spawnSync(binary, ['validate', decisionsFile])
    assert.equal(run.status, 0, run.stdout.toString() + run.stderr.toString())
  })
  await again.goto(url + recordPath)
  await ready(again)
  await check('the Record page shows the three as drafts', async () => {
    assert.deepEqual(await again.locator('#records .govuk-tag').allInnerTexts(), ['Draft', 'Draft', 'Draft'])
  })
  await noViolations(again, 'the Record page with drafts')

  // 8. Refusals: a POST without its token; a member.
  const before = bytesOf(decisionsFile)
  const forged = await again.context().request.post(url + recordPath + '/LCS900102', { form: { outcome: 'escalate', rationale: 'Forged', rows: '1' }, maxRedirects: 0 })
  const member = await pageSignedInAs(browser, office, url, errors, { user: 'mo.member@council.example', role: 'member', name: 'Mo Member', password: 'nine brave ducks on ice', extra: ['--panel', 'permanence'] })
  const memberList = await member.goto(url + recordPath)
  await noViolations(member, 'the page refused to a member')
  const memberRecord = await member.goto(url + recordPath + '/LCS900102')
  await check('a POST without the CSRF token is 403; a member sees no record page (403); nothing changed', () => {
    assert.equal(forged.status(), 403)
    assert.equal(memberList.status(), 403)
    assert.equal(memberRecord.status(), 403)
    assert.equal(bytesOf(decisionsFile), before)
  })

  // 9. The chair reviews: a draft is not theirs to edit.
  const chair = await pageSignedInAs(browser, office, url, errors, { user: 'margaret.chair@council.example', role: 'chair', name: 'Margaret Oyelaran-Hughes', password: 'four tall ferns by the gate' })
  await chair.goto(url + recordPath)
  await ready(chair)
  await check('the chair is offered to review each record and sign off all', async () => {
    assert.equal(await chair.getByRole('link', { name: 'Review the decision for LCS900103' }).count(), 1)
    assert.equal(await chair.getByRole('button', { name: 'Sign off all complete records' }).count(), 1)
  })
  await noViolations(chair, 'the Record page the chair sees')
  await shoot(chair, 'record-list-chair')
  await chair.getByRole('link', { name: 'Review the decision for LCS900102' }).click()
  await ready(chair)
  await check('the chair reads the draft with a Sign off button and no form to change it', async () => {
    assert.match(await chair.locator('#record-summary').innerText(), /Special guardianship order/)
    assert.equal(await chair.locator('#rationale').count(), 0)
    assert.equal(await chair.locator('#sign-off').count(), 1)
  })
  await noViolations(chair, 'a draft the chair reviews')
  await shoot(chair, 'record-review')
  const chairToken = await chair.evaluate(() => document.querySelector('input[name=csrf_token]').value)
  const chairEdit = await chair.context().request.post(url + recordPath + '/LCS900102', { form: { csrf_token: chairToken, outcome: 'escalate', rationale: 'Chair', rows: '1' }, maxRedirects: 0 })
  await check('a chair cannot edit the administrator\'s draft (403), nothing changed', () => {
    assert.equal(chairEdit.status(), 403)
    assert.equal(bytesOf(decisionsFile), before)
  })

  // 10. The chair signs LCS900102 off on its own page.
  await chair.locator('#sign-off').click()
  await chair.waitForURL(/done=signed/)
  await ready(chair)
  await check('"Sign off" sets agreed on that record alone, version 1, by the chair', async () => {
    assert.match(await chair.locator('.govuk-notification-banner').innerText(), /The record of LCS900102 is signed off/)
    assert.equal(decisionOf('LCS900102').agreed.by, 'Margaret Oyelaran-Hughes')
    assert.equal(decisionOf('LCS900102').agreed.version, 1)
    assert.equal(decisionOf('LCS900103').agreed, undefined)
  })

  // 11. A stale "Sign off all": the administrator changed a record since the chair read them.
  await chair.goto(url + recordPath)
  await ready(chair)
  await again.goto(url + recordPath + '/LCS900108')
  await ready(again)
  await again.locator('#summary').fill('The panel discussed the breakdown of the placement.')
  await again.getByRole('button', { name: 'Save', exact: true }).click()
  await again.waitForURL(/done=saved/)
  const changedByAdmin = bytesOf(decisionsFile)
  const staleStatus = await postStatus(chair, () => chair.getByRole('button', { name: 'Sign off all complete records' }).click())
  await ready(chair)
  await check('a "Sign off all" from a page opened before a change is refused (409), nothing signed', async () => {
    assert.equal(staleStatus, 409)
    assert.match(await chair.locator('.govuk-error-summary').innerText(), /The records changed since you opened this page/)
    assert.equal(bytesOf(decisionsFile), changedByAdmin)
  })
  await noViolations(chair, 'the Record page, stale sign-off')

  // 12. The chair signs off all the others.
  await chair.goto(url + recordPath)
  await ready(chair)
  await chair.getByRole('button', { name: 'Sign off all complete records' }).click()
  await chair.waitForURL(/done=signed/)
  await ready(chair)
  await check('"Sign off all" signs off the other two: all three agreed, version 1, by the chair', async () => {
    assert.match(await chair.locator('.govuk-notification-banner').innerText(), /2 records are signed off/)
    for (const decision of decisions()) {
      assert.equal(decision.agreed.by, 'Margaret Oyelaran-Hughes')
      assert.equal(decision.agreed.version, 1)
      assert.match(decision.agreed.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    }
    assert.deepEqual(await chair.locator('#records .govuk-tag').allInnerTexts(), ['Agreed', 'Agreed', 'Agreed'])
  })
  await noViolations(chair, 'the Record page, signed off')
  await shoot(chair, 'record-signed')

  // 13. The administrator can no longer change a signed record.
  await again.goto(url + recordPath + '/LCS900102')
  await ready(again)
  const signedBytes = bytesOf(decisionsFile)
  const adminToken = await again.evaluate(() => document.querySelector('input[name=csrf_token]').value)
  const adminEdit = await again.context().request.post(url + recordPath + '/LCS900102', { form: { csrf_token: adminToken, autosave: '1', outcome: 'escalate', rationale: 'Late', rows: '1' }, maxRedirects: 0 })
  const adminSign = await again.context().request.post(url + recordPath + '/sign-off-all', { form: { csrf_token: adminToken, version: 'x' }, maxRedirects: 0 })
  await check('a signed record is locked for the administrator (409), who may not sign off either (403)', async () => {
    assert.equal(await again.locator('#rationale').count(), 0)
    assert.match(await again.locator('.govuk-inset-text').first().innerText(), /signed off, so it is locked/)
    assert.equal(adminEdit.status(), 409)
    assert.match((await adminEdit.json()).words, /Not saved: this record is signed off/)
    assert.equal(adminSign.status(), 403)
    assert.equal(bytesOf(decisionsFile), signedBytes)
  })
  await noViolations(again, 'a signed record the administrator reads')

  // 14. The chair who signed changes it: a reason is required; version 2; version 1 kept.
  await chair.goto(url + recordPath + '/LCS900102')
  await ready(chair)
  await chair.locator('#rationale').fill('Special guardianship keeps Leah with her brother and her aunt.')
  const noReason = await postStatus(chair, () => chair.getByRole('button', { name: 'Save the change' }).click())
  await ready(chair)
  await check('a change without its reason is refused beside the field, nothing changed', async () => {
    assert.equal(noReason, 400)
    assert.match(await chair.locator('#why-error').innerText(), /Say why this change is needed/)
    assert.equal(bytesOf(decisionsFile), signedBytes)
  })
  await noViolations(chair, 'a change without a reason')
  await shoot(chair, 'record-change-error')
  await chair.locator('#why').fill('The aunt is named in the plan at the chair\'s request.')
  await chair.getByRole('button', { name: 'Save the change' }).click()
  await chair.waitForURL(/done=changed/)
  await ready(chair)
  await check('the change is version 2 and the history file keeps version 1', async () => {
    const decision = decisionOf('LCS900102')
    assert.equal(decision.agreed.version, 2)
    assert.equal(decision.rationale, 'Special guardianship keeps Leah with her brother and her aunt.')
    const history = JSON.parse(fs.readFileSync(historyFile, 'utf8')).records.LCS900102
    assert.deepEqual(history.map((v) => v.version), [1, 2])
    assert.equal(history[0].decision.rationale, 'Special guardianship keeps Leah with her brother within her family.')
    assert.equal(history[1].why, 'The aunt is named in the plan at the chair\'s request.')
    assert.equal(history[1].by, 'Margaret Oyelaran-Hughes')
    const versions = await chair.locator('#versions-list').innerText()
    assert.match(versions, /Version 1[\s\S]*Signed off[\s\S]*Version 2[\s\S]*The aunt is named/)
  })
  await noViolations(chair, 'a changed record with its versions')
  await shoot(chair, 'record-versions')

  // 15. Another chair cannot change what they did not sign.
  const helen = await pageSignedInAs(browser, office, url, errors, { user: 'helen.chair@council.example', role: 'chair', name: 'Helen Ashworth-Pryce', password: 'three slow barges at dawn' })
  await helen.goto(url + recordPath + '/LCS900102')
  await ready(helen)
  const changedBytes = bytesOf(decisionsFile)
  const helenToken = await helen.evaluate(() => document.querySelector('input[name=csrf_token]').value)
  const helenChange = await helen.context().request.post(url + recordPath + '/LCS900102/change', { form: { csrf_token: helenToken, version: 'x', outcome: 'escalate', rationale: 'Mine', why: 'Because', rows: '1' }, maxRedirects: 0 })
  await check('a second chair reads it without a form and is refused a change (403), nothing changed', async () => {
    assert.equal(await helen.locator('#rationale').count(), 0)
    assert.match(await helen.locator('.govuk-inset-text').first().innerText(), /Only the chair who signed this record off can change it/)
    assert.equal(helenChange.status(), 403)
    assert.match(await helenChange.text(), /signed off by Margaret Oyelaran-Hughes/)
    assert.equal(bytesOf(decisionsFile), changedBytes)
  })
  await noViolations(helen, 'a record another chair signed')

  // 16. A viewer reads, and cannot change.
  const viewer = await pageSignedInAs(browser, office, url, errors, { user: 'vic.viewer@council.example', role: 'viewer', name: 'Vic Viewer', password: 'seven quiet owls at noon' })
  await viewer.goto(url + recordPath)
  await ready(viewer)
  await viewer.getByRole('link', { name: 'Read the decision for LCS900103' }).click()
  await ready(viewer)
  const viewerToken = await viewer.evaluate(() => document.querySelector('input[name=csrf_token]')?.value ?? '')
  const viewerPost = await viewer.context().request.post(url + recordPath + '/LCS900103', { form: { csrf_token: viewerToken, outcome: 'escalate', rationale: 'Viewer', rows: '1' }, maxRedirects: 0 })
  await check('a viewer reads a record without any form, and is refused a change (403)', async () => {
    assert.match(await viewer.locator('#record-summary').innerText(), /The same plan as his sister/)
    assert.equal(await viewer.locator('main form').count(), 0)
    assert.equal(viewerPost.status(), 403)
    assert.equal(bytesOf(decisionsFile), changedBytes)
  })
  await noViolations(viewer, 'a record a viewer reads')

  // 17. The audit names the sitting and the child by id, never what the record says.
  await check('recording, completion, sign-off, change and refusals are audited by id', () => {
    const audit = users(office, 'audit')
    for (const action of ['record_drafted', 'record_completed', 'record_agreed', 'record_changed', 'page_refused']) {
      assert.match(audit, new RegExp(action), action)
    }
    assert.match(audit, /permanence\/2026-12-15 LCS900102/)
    assert.doesNotMatch(audit, /Leah|guardianship|McAllister/)
  })
  await check('no script error or CSP refusal on any page', () => {
    assert.deepEqual(errors.filter((e) => !/^Failed to load resource: the server responded with a status of (400|403|409)/.test(e)), [])
  })
  passed()
} finally {
  await shutDown(browser, server)
}
