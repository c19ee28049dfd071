// The Actions page (issue 14) in a browser against a copy of the sample office, where action A1
// of LCS900102 (permanence 2026-12-15) is made overdue (due three days ago) and two owners get a
// team: Today shows "1 action overdue" with a link to the overdue actions; the list shows the
// seven actions of the two decisions files with the overdue one tagged red; the filters (person,
// team, overdue) are GET parameters; an administrator marks the overdue action done with the
// keyboard alone (the empty note refused beside the field), the decisions file then holds status
// "done", today's completedDate and the note, and the audit shows action_done; a form opened
// before the file changed is refused as stale and nothing changes; a POST without the CSRF token
// is 403; a viewer reads the list without "Mark as done" and is refused the form (403); a member
// is refused the page (403). axe finds no violation on any page or state; screenshots go to
// PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {
  artefacts, check, launchChromium, noViolations, pageSignedInAs, passed, ready, sampleOffice, shoot,
  shutDown, startServer, tabTo, users
} from './console_harness.mjs'

const office = sampleOffice('panelpack-actions-')
const decisionsFile = path.join(office, 'decisions', 'permanence', '2026-12-15.json')
const readDecisions = () => JSON.parse(fs.readFileSync(decisionsFile, 'utf8'))
const writeDecisions = (json) => fs.writeFileSync(decisionsFile, JSON.stringify(json, null, 2) + '\n')
const actionOf = (json, caseRef, id) => json.decisions.find((d) => d.caseRef === caseRef).actions.find((a) => a.id === id)

// London's date today and three days ago, as the server judges overdue.
const londonDay = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(date)
const today = londonDay(new Date())
const threeDaysAgo = londonDay(new Date(Date.now() - 3 * 24 * 3600 * 1000))

{
  const json = readDecisions()
  const overdue = actionOf(json, 'LCS900102', 'A1')
  overdue.dueDate = threeDaysAgo
  overdue.owner.team = 'Kinship'
  actionOf(json, 'LCS900108', 'A1').owner.team = 'Children in Care'
  writeDecisions(json)
}

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const admin = await pageSignedInAs(browser, office, url, errors, { user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' })

  // 1. Today: the overdue action, and the way to all of them.
  await admin.goto(url + 'today')
  await ready(admin)
  await check('Today shows 1 action overdue with the case and a link to the overdue actions', async () => {
    const card = admin.locator('#overdue-actions')
    assert.match(await card.innerText(), /1 action overdue/)
    assert.match(await card.innerText(), /LCS900102, action A1/)
    assert.equal(await card.getByRole('link', { name: 'See the overdue actions' }).getAttribute('href'), '/actions?overdue=1')
  })
  await noViolations(admin, 'Today with an overdue action')
  // The card alone: the whole of Today is another part's screenshot.
  await admin.locator('#overdue-actions').screenshot({ path: path.join(artefacts, 'console-actions-today.png') })

  // 2. The whole list.
  await admin.goto(url + 'actions')
  await ready(admin)
  const rows = (page) => page.locator('#action-list tbody tr')
  await check('the list has the seven actions by due date, the overdue one tagged red', async () => {
    assert.equal(await rows(admin).count(), 7)
    const first = rows(admin).nth(0)
    assert.match(await first.innerText(), /LCS900102, action A1/)
    assert.equal(await first.locator('.govuk-tag--red').innerText(), 'Overdue')
    assert.match(await admin.locator('#overdue-count').innerText(), /1 action is overdue/)
    // Done ones have no "Mark as done"; the five open ones have.
    assert.equal(await admin.getByRole('link', { name: /^Mark as done/ }).count(), 5)
  })
  await noViolations(admin, 'the list of actions')
  await shoot(admin, 'actions-list')

  // 3. The filters, in the address.
  await admin.locator('#person').selectOption('Hannah Westerby')
  await admin.getByRole('button', { name: 'Show actions' }).click()
  await admin.waitForURL(/person=Hannah(\+|%20)Westerby/)
  await ready(admin)
  await check('filtering by person shows only their three actions', async () => {
    assert.equal(await rows(admin).count(), 3)
    for (const text of await rows(admin).allInnerTexts()) assert.match(text, /Hannah Westerby/)
  })
  await noViolations(admin, 'the actions filtered by person')
  await shoot(admin, 'actions-filtered')
  await admin.goto(url + 'actions?team=Children%20in%20Care')
  await ready(admin)
  await check('filtering by team shows the team\'s action', async () => {
    assert.equal(await rows(admin).count(), 1)
    assert.match(await rows(admin).first().innerText(), /LCS900108/)
    assert.equal(await admin.locator('#team').inputValue(), 'Children in Care')
  })
  await admin.goto(url + 'actions?panel=aep')
  await ready(admin)
  await check('filtering by a panel with no actions says so', async () => {
    assert.match(await admin.locator('#action-list').innerText(), /No action matches the filter/)
  })
  await noViolations(admin, 'no action matches the filter')

  // 4. Mark the overdue one done, with the keyboard alone, from the overdue list.
  await admin.goto(url + 'actions?overdue=1')
  await ready(admin)
  await check('only overdue shows the one overdue action, the box ticked', async () => {
    assert.equal(await rows(admin).count(), 1)
    assert.equal(await admin.locator('#overdue').isChecked(), true)
  })
  await tabTo(admin, { text: 'Mark as done: LCS900102 action A1' })
  await admin.keyboard.press('Enter')
  await admin.waitForURL(/\/actions\/permanence\/2026-12-15\/LCS900102\/A1\/done/)
  await ready(admin)
  await check('the form names the action and asks what was done', async () => {
    assert.match(await admin.locator('h1').innerText(), /Mark an action as done/)
    assert.match(await admin.locator('#action-summary').innerText(), /File the final special guardianship assessment/)
    assert.equal(await admin.locator('label[for=completion-note]').innerText(), 'What was done')
  })
  await noViolations(admin, 'the Mark as done form')
  await shoot(admin, 'actions-done')
  const before = fs.readFileSync(decisionsFile, 'utf8')
  await tabTo(admin, { text: 'Mark as done' })
  await admin.keyboard.press('Enter')
  await admin.waitForLoadState()
  await ready(admin)
  await check('an empty note is refused beside the field, nothing changed', async () => {
    assert.match(await admin.locator('.govuk-error-summary').innerText(), /Enter what was done/)
    assert.match(await admin.locator('#completion-note-error').innerText(), /Enter what was done/)
    assert.equal(fs.readFileSync(decisionsFile, 'utf8'), before)
  })
  await noViolations(admin, 'the note left empty')
  await shoot(admin, 'actions-done-error')
  await admin.locator('#completion-note').focus()
  await admin.keyboard.type('Assessment and support plan filed on the case system.')
  await tabTo(admin, { text: 'Mark as done' })
  await admin.keyboard.press('Enter')
  await admin.waitForURL(/marked_case=LCS900102/)
  await ready(admin)
  await check('the banner says it is done and the overdue list is empty', async () => {
    assert.match(await admin.locator('.govuk-notification-banner').innerText(), /Action A1 of LCS900102 is marked as done/)
    assert.match(admin.url(), /overdue=1/)
    assert.match(await admin.locator('#action-list').innerText(), /No action matches the filter/)
  })
  await noViolations(admin, 'the action marked done')
  await shoot(admin, 'actions-marked')
  await check('the decisions file holds done, today and the note; nothing else moved', () => {
    const json = readDecisions()
    const action = actionOf(json, 'LCS900102', 'A1')
    assert.equal(action.status, 'done')
    assert.equal(action.completedDate, today)
    assert.equal(action.completionNote, 'Assessment and support plan filed on the case system.')
    const was = JSON.parse(before)
    const wasAction = actionOf(was, 'LCS900102', 'A1')
    Object.assign(wasAction, { status: 'done', completedDate: today, completionNote: action.completionNote })
    assert.deepEqual(json, was)
  })
  await check('the audit shows the action done and the form viewed, by ids', () => {
    const audit = users(office, 'audit')
    assert.match(audit, /Marked an action as done|action_done/)
    assert.match(audit, /permanence\/2026-12-15\/LCS900102\/A1/)
    assert.match(audit, /Viewed an action|LCS900102/)
    assert.doesNotMatch(audit, /Assessment and support plan/)
  })

  // 5. A stale form: the file changes between opening and sending.
  await admin.goto(url + 'actions/permanence/2026-12-15/LCS900108/A1/done')
  await ready(admin)
  {
    const json = readDecisions()
    actionOf(json, 'LCS900103', 'A1').description = 'Arrange speech and language therapy, weekly.'
    writeDecisions(json)
  }
  const changed = fs.readFileSync(decisionsFile, 'utf8')
  await admin.locator('#completion-note').fill('Chronology sent.')
  await admin.getByRole('button', { name: 'Mark as done' }).click()
  await admin.waitForLoadState()
  await ready(admin)
  await check('a form opened before the file changed is refused, nothing changed', async () => {
    assert.match(await admin.locator('.govuk-error-summary').innerText(), /changed since you opened this page/)
    assert.equal(fs.readFileSync(decisionsFile, 'utf8'), changed)
    assert.equal(await admin.locator('#completion-note').inputValue(), 'Chronology sent.')
    assert.doesNotMatch(await admin.locator('#action-summary').innerText(), /Chronology sent/)
  })
  await noViolations(admin, 'the stale form')
  await shoot(admin, 'actions-done-stale')

  // 6. A POST without the CSRF token.
  const forged = await admin.context().request.post(url + 'actions/permanence/2026-12-15/LCS900108/A1/done', { form: { completion_note: 'x' }, maxRedirects: 0 })
  await check('a POST without the CSRF token is 403 and nothing changed', () => {
    assert.equal(forged.status(), 403)
    assert.equal(fs.readFileSync(decisionsFile, 'utf8'), changed)
  })

  // 7. A viewer reads, cannot mark; a member may not see the list.
  const viewer = await pageSignedInAs(browser, office, url, errors, { user: 'vic.viewer@council.example', role: 'viewer', name: 'Vic Viewer', password: 'seven quiet owls at dusk' })
  await viewer.goto(url + 'actions')
  await ready(viewer)
  await check('a viewer sees the actions without Mark as done', async () => {
    assert.equal(await rows(viewer).count(), 7)
    assert.equal(await viewer.getByRole('link', { name: /^Mark as done/ }).count(), 0)
  })
  await noViolations(viewer, 'the list a viewer sees')
  // The viewer's own token (the sign-out form has one): refused for the role, not the token.
  const token = await viewer.locator('input[name=csrf_token]').first().inputValue()
  const viewerForm = await viewer.goto(url + 'actions/permanence/2026-12-15/LCS900108/A1/done')
  const viewerPost = await viewer.context().request.post(url + 'actions/permanence/2026-12-15/LCS900108/A1/done', { form: { csrf_token: token, completion_note: 'x' }, maxRedirects: 0 })
  await check('a viewer is refused the form and the POST (403), nothing changed', () => {
    assert.equal(viewerForm.status(), 403)
    assert.equal(viewerPost.status(), 403)
    assert.equal(fs.readFileSync(decisionsFile, 'utf8'), changed)
  })
  const member = await pageSignedInAs(browser, office, url, errors, { user: 'mo.member@council.example', role: 'member', name: 'Mo Member', password: 'nine brass bells ringing', extra: ['--panel', 'permanence'] })
  const memberPage = await member.goto(url + 'actions')
  await check('a member is refused the actions (403)', async () => {
    assert.equal(memberPage.status(), 403)
    assert.doesNotMatch(await member.locator('main').innerText(), /LCS900102/)
  })
  await noViolations(member, 'the refusal a member sees')

  // The 403 pages asked for above are logged by Chromium as failed loads: expected.
  await check('no script error or CSP refusal on any page', () => {
    assert.deepEqual(errors.filter((e) => !/^Failed to load resource: the server responded with a status of (400|403|409)/.test(e)), [])
  })
  passed()
} finally {
  await shutDown(browser, server)
}
