// Presenters and apologies on the Sitting page, in a browser against a copy of the sample
// office (permanence 2026-12-15: LCS900102, LCS900103, LCS900108; Dr Anjali Mistry sent
// apologies). An administrator names LCS900103's presenters with a mistake (a bad email: the
// error beside the field, the bookings file unchanged), then rightly after adding a row, and the
// agenda shows them; records apologies and withdraws one with the keyboard alone, and the
// members attending follow; stale forms are 409, a POST without its token 403; a viewer reads
// the lists without any form and is refused (403) the page and the POST. axe finds no WCAG 2.2
// A/AA violation in each state; screenshots go to PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import {
  axeViolations, binary, check, launchChromium, pageSignedInAs, passed, ready, sampleOffice,
  shoot, startServer, tabTo, users, shutDown, noViolations
} from './console_harness.mjs'

const office = sampleOffice('panelpack-presenters-')
const sittingPath = 'sittings/permanence/2026-12-15'
const bookingsFile = path.join(office, 'bookings', 'permanence', '2026-12-15.json')
const bookingsText = () => fs.readFileSync(bookingsFile, 'utf8')
const bookings = () => JSON.parse(bookingsText())
const presentersOf = (ref) => bookings().items.find((i) => i.caseRef === ref).presenters
const apologies = () => (bookings().apologies ?? []).map((p) => p.name)
const attending = (page) => page.locator('#attending li').allInnerTexts()

// Clicks (or presses Enter on) what `act` does and answers the POST's response status.
async function postStatus (page, act) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    act()
  ])
  await page.waitForLoadState()
  return response.status()
}

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const page = await pageSignedInAs(browser, office, url, errors, { user: 'ada.admin@council.example', role: 'administrator', name: 'Ada Admin', password: 'a kettle of slow green fish' })

  // 1. The presenters page, from the agenda.
  await page.goto(url + sittingPath)
  await ready(page)
  await page.getByRole('link', { name: 'Change presenters of LCS900103' }).click()
  await ready(page)
  await check('the presenters page offers the case file\'s people, chosen, and empty rows', async () => {
    assert.equal(await page.locator('h1').innerText(), 'Change presenters')
    assert.ok(await page.locator('#who').isChecked())
    assert.equal(await page.locator('input[name$=_name]').count(), 2)
  })
  await noViolations(page, 'the presenters page')
  await shoot(page, 'sitting-presenters')

  // 2. A mistake: the email is not one.
  const before = bookingsText()
  await page.locator('#who-named').check()
  await page.locator('#presenter-1-name').fill('Sam Okafor')
  await page.locator('#presenter-1-role').fill('Social worker')
  await page.locator('#presenter-1-email').fill('sam.okafor at northbridge')
  const refusedStatus = await postStatus(page, () => page.getByRole('button', { name: 'Save presenters' }).click())
  await ready(page)
  await check('a bad email is refused beside its field, the bookings file unchanged', async () => {
    assert.equal(refusedStatus, 400)
    assert.match(await page.locator('#presenter-1-email-error').innerText(), /is not an email address/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /presenter 1 is not an email address/)
    assert.equal(await page.locator('#presenter-1-name').inputValue(), 'Sam Okafor')
    assert.equal(bookingsText(), before)
  })
  await noViolations(page, 'the presenters page with an error')
  await shoot(page, 'sitting-presenters-error')

  // 3. Rightly, with a row added by the server (no script needed).
  await page.locator('#presenter-1-email').fill('sam.okafor@northbridge.example.org')
  await page.getByRole('button', { name: 'Add another presenter' }).click()
  await ready(page)
  await check('"Add another presenter" keeps what was typed and adds a row, saving nothing', async () => {
    assert.equal(await page.locator('input[name$=_name]').count(), 3)
    assert.equal(await page.locator('#presenter-1-email').inputValue(), 'sam.okafor@northbridge.example.org')
    assert.ok(await page.locator('#who-named').isChecked())
    assert.equal(bookingsText(), before)
  })
  await page.locator('#presenter-2-name').fill('Lee Chan')
  await page.locator('#presenter-2-role').fill('Team manager')
  await page.locator('#presenter-2-email').fill('lee.chan@northbridge.example.org')
  await page.getByRole('button', { name: 'Save presenters' }).click()
  await page.waitForURL(/done=presenters/)
  await ready(page)
  await check('the presenters are written to the booking and the agenda shows them', async () => {
    assert.deepEqual(presentersOf('LCS900103'), [
      { name: 'Sam Okafor', role: 'Social worker', email: 'sam.okafor@northbridge.example.org' },
      { name: 'Lee Chan', role: 'Team manager', email: 'lee.chan@northbridge.example.org' }
    ])
    assert.equal(presentersOf('LCS900102'), undefined)
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The presenters of LCS900103 are saved/)
    assert.match(await page.locator('#agenda-table').innerText(), /Sam Okafor \(Social worker\); Lee Chan \(Team manager\)/)
  })
  await noViolations(page, 'the sitting after presenters changed')

  // 4. Apologies: Tomasz Wieczorek's recorded.
  await check('the form ticks who sent apologies; the page lists the others attending', async () => {
    assert.ok(await page.locator('#apology-2').isChecked())
    assert.ok(!(await page.locator('#apology-3').isChecked()))
    const names = (await attending(page)).map((t) => t.replace(/ \(.*$/, ''))
    assert.deepEqual(names, ['Declan Fairweather', 'Tomasz Wieczorek', 'Gillian Thirsk'])
  })
  await page.locator('#apology-3').check()
  await page.getByRole('button', { name: 'Save apologies' }).click()
  await page.waitForURL(/done=apologies/)
  await ready(page)
  await check('the apologies are written and the members attending follow', async () => {
    assert.deepEqual(apologies(), ['Dr Anjali Mistry', 'Tomasz Wieczorek'])
    const names = (await attending(page)).map((t) => t.replace(/ \(.*$/, ''))
    assert.deepEqual(names, ['Declan Fairweather', 'Gillian Thirsk'])
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The apologies are saved/)
  })
  await noViolations(page, 'the sitting after apologies changed')
  await page.locator('#apologies-form').scrollIntoViewIfNeeded()
  await shoot(page, 'sitting-apologies')

  // 5. Withdrawn with the keyboard alone: Dr Anjali Mistry will attend after all.
  await page.goto(url + sittingPath)
  await ready(page)
  await tabTo(page, { id: 'apology-2' })
  await page.keyboard.press('Space')
  await tabTo(page, { text: 'Save apologies' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/done=apologies/)
  await ready(page)
  await check('by keyboard, withdrawing apologies puts the member back among those attending', async () => {
    assert.deepEqual(apologies(), ['Tomasz Wieczorek'])
    const names = (await attending(page)).map((t) => t.replace(/ \(.*$/, ''))
    assert.deepEqual(names, ['Declan Fairweather', 'Dr Anjali Mistry', 'Gillian Thirsk'])
  })

  // 6. The agenda the office prints says the same.
  await check('panelpack agenda --json names the new presenters and the members attending', () => {
    const run = spawnSync(binary, ['agenda', 'permanence', '2026-12-15', '--json', '--office', office])
    assert.equal(run.status, 0, run.stderr.toString())
    const agenda = JSON.parse(run.stdout.toString())
    const item = agenda.items.find((i) => i.caseRef === 'LCS900103')
    assert.deepEqual(item.presenters.map((p) => p.name), ['Sam Okafor', 'Lee Chan'])
    assert.deepEqual(agenda.panel.attending.map((p) => p.name), ['Declan Fairweather', 'Dr Anjali Mistry', 'Gillian Thirsk'])
    assert.deepEqual(agenda.apologies.map((p) => p.name), ['Tomasz Wieczorek'])
  })

  // 7. Stale forms: the bookings change behind the pages' backs.
  await page.goto(url + sittingPath + '/presenters/LCS900108')
  await ready(page)
  await page.locator('#who-named').check()
  await page.locator('#presenter-1-name').fill('Ola Brown')
  await page.locator('#presenter-1-email').fill('ola.brown@northbridge.example.org')
  const cli = spawnSync(binary, ['apologies', 'add', 'permanence', '2026-12-15', 'Gillian Thirsk', '--office', office])
  assert.equal(cli.status, 0, cli.stderr.toString())
  const afterCli = bookingsText()
  const staleStatus = await postStatus(page, () => page.getByRole('button', { name: 'Save presenters' }).click())
  await ready(page)
  await check('a presenters form opened before another change is refused (409), nothing changed', async () => {
    assert.equal(staleStatus, 409)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /This sitting changed since you opened it/)
    assert.equal(bookingsText(), afterCli)
    assert.equal(presentersOf('LCS900108'), undefined)
  })
  await noViolations(page, 'the presenters page, stale')

  await page.goto(url + sittingPath)
  await ready(page)
  const cli2 = spawnSync(binary, ['apologies', 'remove', 'permanence', '2026-12-15', 'Gillian Thirsk', '--office', office])
  assert.equal(cli2.status, 0, cli2.stderr.toString())
  const afterCli2 = bookingsText()
  await page.locator('#apology-1').check()
  const staleApologies = await postStatus(page, () => page.getByRole('button', { name: 'Save apologies' }).click())
  await ready(page)
  await check('an apologies form opened before another change is refused (409), nothing changed', async () => {
    assert.equal(staleApologies, 409)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /This sitting changed since you opened it/)
    assert.equal(bookingsText(), afterCli2)
  })
  await noViolations(page, 'the sitting, apologies stale')

  // 8. A POST without its token.
  const version = await page.locator('input[name=version]').first().inputValue()
  const forged = await page.context().request.post(url + sittingPath + '/apologies', { form: { version, apology_1: 'Declan Fairweather' }, maxRedirects: 0 })
  const forgedPresenters = await page.context().request.post(url + sittingPath + '/presenters/LCS900102', { form: { version, who: 'named', rows: '1', presenter_1_name: 'X', presenter_1_email: 'x@y.example' }, maxRedirects: 0 })
  await check('POSTs without the CSRF token are 403 and change nothing', () => {
    assert.equal(forged.status(), 403)
    assert.equal(forgedPresenters.status(), 403)
    assert.equal(bookingsText(), afterCli2)
  })

  // 9. Back to the case file's people.
  await page.goto(url + sittingPath + '/presenters/LCS900103')
  await ready(page)
  await check('the form opens with the named presenters chosen and filled', async () => {
    assert.ok(await page.locator('#who-named').isChecked())
    assert.equal(await page.locator('#presenter-2-name').inputValue(), 'Lee Chan')
  })
  await page.locator('#who').check()
  await page.getByRole('button', { name: 'Save presenters' }).click()
  await page.waitForURL(/done=presenters/)
  await check('choosing the case file\'s social worker and team manager removes the named ones', () => {
    assert.equal(presentersOf('LCS900103'), undefined)
  })

  // 10. A viewer reads, and cannot change.
  const viewer = await pageSignedInAs(browser, office, url, errors, { user: 'vic.viewer@council.example', role: 'viewer', name: 'Vic Viewer', password: 'seven quiet owls at noon' })
  await viewer.goto(url + sittingPath)
  await ready(viewer)
  await check('a viewer sees the apologies and members attending, without any form or link to change', async () => {
    assert.ok((await attending(viewer)).length > 0)
    assert.equal(await viewer.locator('main form').count(), 0)
    assert.equal(await viewer.getByRole('link', { name: /Change presenters/ }).count(), 0)
  })
  await noViolations(viewer, 'the sitting a viewer sees')
  const viewerGet = await viewer.goto(url + sittingPath + '/presenters/LCS900103')
  const viewerToken = await viewer.evaluate(() => document.querySelector('input[name=csrf_token]')?.value ?? '')
  const viewerPost = await viewer.context().request.post(url + sittingPath + '/apologies', { form: { csrf_token: viewerToken, version, apology_1: 'Declan Fairweather' }, maxRedirects: 0 })
  await check('a viewer is refused the presenters page and the apologies POST (403)', () => {
    assert.equal(viewerGet.status(), 403)
    assert.equal(viewerPost.status(), 403)
    assert.equal(apologies().includes('Declan Fairweather'), false)
  })

  // 11. The audit names the sitting and the case, never a person.
  await check('the changes are audited by id', () => {
    const audit = users(office, 'audit')
    for (const action of ['presenters_changed', 'apologies_changed']) assert.match(audit, new RegExp(action), action)
    assert.match(audit, /permanence\/2026-12-15 LCS900103/)
    assert.doesNotMatch(audit, /Okafor|Wieczorek|Mistry/)
  })
  await check('no script error or CSP refusal on any page', () => {
    assert.deepEqual(errors.filter((e) => !/^Failed to load resource: the server responded with a status of (400|403|409)/.test(e)), [])
  })
  passed()
} finally {
  await shutDown(browser, server)
}
