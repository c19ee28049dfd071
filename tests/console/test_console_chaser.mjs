// "Send a chaser" on the Sitting page's papers grid, in a browser against a copy of the sample
// office: an administrator presses it, with the keyboard alone, on the missing chronology of
// LCS900108 (permanence 2026-12-15); the banner names the paper, the case and the people, never
// the child; the office's outbox (read with `panelpack outbox list --json`) has one row per
// presenter under the chaser's key; a second press the same day is refused in the GOV.UK error
// pattern beside the button and queues nothing; a viewer sees no button and is refused a POST
// (403), as is a POST without the CSRF token. axe finds no violation in each state; screenshots
// go to PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'

import {
  axeViolations, binary, check, launchChromium, pageSignedInAs, passed, ready, sampleOffice,
  shoot, startServer, tabTo, users, shutDown, noViolations
} from './console_harness.mjs'

const office = sampleOffice('panelpack-chaser-')
const sittingPath = 'sittings/permanence/2026-12-15'
const button = 'Send a chaser for the chronology of LCS900108'

// The office's outbox rows, as `panelpack outbox list --json` reads its SQLite file.
function outboxRows () {
  const run = spawnSync(binary, ['outbox', 'list', '--json', '--office', office])
  assert.equal(run.status, 0, run.stderr.toString())
  return JSON.parse(run.stdout.toString()).rows
}
const chasers = () => outboxRows().filter((row) => row.key.startsWith('chaser|'))

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const page = await pageSignedInAs(browser, office, url, errors, { user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' })

  // 1. The missing cell carries the button; a received one does not.
  await page.goto(url + sittingPath)
  await ready(page)
  await check('a missing paper has a Send a chaser button naming the case and paper', async () => {
    const cell = page.locator('#papers-grid tr[data-case-ref=LCS900108] td[data-paper-state=missing]')
    assert.equal(await cell.getByRole('button', { name: button }).count(), 1)
    assert.equal(await page.locator('#papers-grid td:not([data-paper-state=missing]) form').count(), 0)
  })
  await noViolations(page, 'the papers grid with chaser buttons')

  // 2. Press it with the keyboard alone.
  await tabTo(page, { text: button })
  await page.keyboard.press('Enter')
  await page.waitForURL(/done=chased/)
  await ready(page)
  await check('the banner says a chaser is queued, to whom, without the child', async () => {
    const banner = await page.locator('.govuk-notification-banner').innerText()
    assert.match(banner, /A chaser for the chronology of LCS900108 is queued to Priya Ravenscroft \(social worker\) and Ravi Sandhurst \(team manager\)/)
    assert.doesNotMatch(banner, /Arjun|Virdee/)
  })
  await check('the outbox has one chaser row per presenter under the chaser key', () => {
    const rows = chasers()
    assert.deepEqual(rows.map((r) => r.recipient).sort(), ['priya.ravenscroft@northbridge.example.org', 'ravi.sandhurst@northbridge.example.org'])
    for (const row of rows) {
      assert.match(row.key, /^chaser\|permanence\|2026-12-15\|LCS900108#chronology@\d{4}-\d\d-\d\d\|/)
      assert.equal(row.state, 'queued')
      assert.match(row.subject, /^OFFICIAL-SENSITIVE: Paper still needed: Chronology for LCS900108 \(\w+\)/)
      assert.doesNotMatch(row.subject, /Arjun|Virdee/)
    }
  })
  await noViolations(page, 'the chaser queued')
  await shoot(page, 'sitting-chaser')

  // 3. A second press the same day: refused beside the button, nothing more queued.
  await page.getByRole('button', { name: button }).click()
  await ready(page)
  await check('a second chaser the same day is refused in words, nothing queued', async () => {
    assert.match(await page.locator('.govuk-error-summary').innerText(), /A chaser for the chronology of LCS900108 was already sent today at \d\d:\d\d/)
    assert.match(await page.locator('#chase-LCS900108-chronology-error').innerText(), /already sent today/)
    assert.equal(chasers().length, 2)
  })
  await noViolations(page, 'the second chaser refused')
  await shoot(page, 'sitting-chaser-refused')

  // 4. A POST without its token.
  const forged = await page.context().request.post(url + sittingPath + '/chase', { form: { case_ref: 'LCS900108', paper_type: 'referral' }, maxRedirects: 0 })
  await check('a POST without the CSRF token is 403 and queues nothing', () => {
    assert.equal(forged.status(), 403)
    assert.equal(chasers().length, 2)
  })

  // 5. A viewer: the grid, no button; a POST is 403.
  const viewer = await pageSignedInAs(browser, office, url, errors, { user: 'vic.viewer@council.example', role: 'viewer', name: 'Vic Viewer', password: 'seven quiet owls at dusk' })
  await viewer.goto(url + sittingPath)
  await ready(viewer)
  await check('a viewer sees the papers grid without any chaser button', async () => {
    assert.equal(await viewer.locator('#papers-grid').count(), 1)
    assert.equal(await viewer.getByRole('button', { name: /Send a chaser/ }).count(), 0)
  })
  await noViolations(viewer, 'the grid a viewer sees')
  // The viewer's own token (the sign-out form has one): refused for the role, not the token.
  const tokens = viewer.locator('input[name=csrf_token]')
  const token = (await tokens.count()) > 0 ? await tokens.first().inputValue() : ''
  const viewerPost = await viewer.context().request.post(url + sittingPath + '/chase', { form: { csrf_token: token, case_ref: 'LCS900108', paper_type: 'referral' }, maxRedirects: 0 })
  await check('a viewer cannot send a chaser (403)', () => {
    assert.equal(viewerPost.status(), 403)
    assert.equal(chasers().length, 2)
  })

  // 6. The audit names the sitting, the case and the paper, never the child.
  await check('chasers are audited by id', () => {
    const audit = users(office, 'audit')
    assert.match(audit, /paper_chased|Sent a chaser for a missing paper/)
    assert.match(audit, /permanence\/2026-12-15 LCS900108 chronology/)
    assert.doesNotMatch(audit, /Arjun|Virdee/)
  })
  await check('no script error or CSP refusal on any page', () => {
    assert.deepEqual(errors.filter((e) => !/^Failed to load resource: the server responded with a status of (400|403)/.test(e)), [])
  })
  passed()
} finally {
  await shutDown(browser, server)
}
