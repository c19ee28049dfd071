// The Settings pages through the browser, on a copy of the sample office. The administrator
// changes a panel's name and one of its deadline rules, a member's email, adds a member (with
// the keyboard alone) and removes it, and changes the allowed domains; each change is in
// office.json and nothing else there changed (its other bytes are the same), `panelpack validate`
// passes on the result, and the audit CSV shows each old and new value. An invalid value (an
// email without @, a negative number of days, a domain with a space in the middle of a word, a
// template that is not there) is shown beside its field with the error summary and nothing is
// written. A form opened before someone else's change is refused (409) with nothing written; a
// POST without the CSRF token is 403. User accounts: the administrator adds a member account
// and sees its one-time password once; the member signs in with it in another browser
// context; the administrator changes its panels and then disables it, and its session is
// refused; the administrator cannot demote themselves as the only administrator; a member gets
// 403 on every Settings page. axe finds no WCAG 2.2 A/AA violation on each page and error
// state; screenshots go to PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import {
  axeViolations, binary, check, launchChromium, pageSignedInAs, passed, ready, sampleOffice,
  shoot, shutDown, signIn, startServer, tabTo, users, watch
} from './console_harness.mjs'

const office = sampleOffice('panelpack-settings-')
const officeJson = path.join(office, 'office.json')
const original = fs.readFileSync(officeJson, 'utf8')
const text = () => fs.readFileSync(officeJson, 'utf8')
const json = () => JSON.parse(text())

// office.json as the sample's two-space layout writes it.
const layout = (value) => JSON.stringify(value, null, 2) + '\n'

// The file is `expected`'s values in the sample's layout: no other key, order or byte changed.
function onlyTheseChanged (change) {
  const expected = JSON.parse(original)
  change(expected)
  assert.equal(text(), layout(expected))
}

async function noViolations (page, what) {
  await check(`axe finds no violation: ${what}`, async () => {
    assert.deepEqual(await axeViolations(page), [])
  })
}

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const page = await pageSignedInAs(browser, office, url, errors, {
    user: 'priya.admin@council.example', role: 'administrator', name: 'Priya Danvers', password: 'four green kites over the bay'
  })

  // 1. The summary.
  await page.goto(url + 'settings')
  await ready(page)
  await check('the Settings page lists the panels, their members and rules, mail and templates', async () => {
    assert.equal(await page.locator('h1').innerText(), 'Settings')
    const card = page.locator('#panel-permanence')
    assert.match(await card.innerText(), /Northbridge Permanence Panel/)
    assert.match(await card.innerText(), /declan\.fairweather@northbridge\.example\.org/)
    assert.match(await card.innerText(), /Papers due\s+3 working days before, at 17:00/)
    assert.match(await page.locator('#panel-aep').innerText(), /Pack circulated\s+the Thursday before, at 12:00\s+This panel's own rule/)
    const body = await page.locator('main').innerText()
    assert.match(body, /127\.0\.0\.1, port 2525/)
    assert.match(body, /northbridge\.example\.org, cafcass\.example\.org, adoptthreerivers\.example\.org/)
    assert.match(body, /The template installed with panelpack/)
    assert.equal(await page.locator('a[aria-current=page]').innerText(), 'Settings')
  })
  await noViolations(page, 'the Settings page')
  await shoot(page, 'settings')

  // 2. A panel's name and a deadline rule.
  await page.locator('#panel-permanence').getByRole('link', { name: /Change/ }).click()
  await ready(page)
  await noViolations(page, 'a panel\'s settings')
  await shoot(page, 'settings-panel')
  await page.locator('#name').fill('Northbridge Permanence and Adoption Panel')
  await page.locator('#papersDue-kind').selectOption('working_days')
  await page.locator('#papersDue-count').fill('4')
  await page.locator('#papersDue-time').fill('16:00')
  await page.getByRole('button', { name: 'Save the panel' }).click()
  await ready(page)
  await check('the panel\'s name and its own papers-due rule are saved, and nothing else changed', async () => {
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The panel's settings were saved/)
    onlyTheseChanged((office) => {
      office.panels[0].name = 'Northbridge Permanence and Adoption Panel'
      office.panels[0].deadlines = { papersDue: { kind: 'working_days', count: 4, direction: 'before', time: '16:00' } }
    })
  })

  // 3. A negative number of days: beside its field, nothing written.
  const beforeInvalid = text()
  await page.goto(url + 'settings/panels/permanence')
  await page.locator('#pack-kind').selectOption('working_days')
  await page.locator('#pack-count').fill('-2')
  await page.locator('#pack-time').fill('12:00')
  const invalid = page.waitForResponse((r) => r.request().method() === 'POST')
  await page.getByRole('button', { name: 'Save the panel' }).click()
  await check('a negative number of days is refused beside its field (400) and nothing is written', async () => {
    assert.equal((await invalid).status(), 400)
    await ready(page)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /There is a problem/)
    assert.match(await page.locator('#pack-count-error').innerText(), /Pack circulated, how many days: -2 is too small; expected at least 0/)
    assert.match(await page.locator('.govuk-error-summary a').first().innerText(), /^Pack circulated, how many days: -2 is too small/)
    assert.equal(await page.locator('#pack-count').inputValue(), '-2')
    assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), '#pack-count')
    assert.equal(text(), beforeInvalid)
  })
  await noViolations(page, 'a panel\'s settings with an error')
  await shoot(page, 'settings-panel-error')

  // 4. A member's email; then one without @.
  await page.goto(url + 'settings/panels/permanence/members/1')
  await ready(page)
  await noViolations(page, 'a member\'s details')
  await shoot(page, 'settings-member')
  await page.locator('#email').fill('declan.f@northbridge.example.org')
  await page.getByRole('button', { name: 'Save the member' }).click()
  await ready(page)
  await check('the member\'s email is saved', async () => {
    assert.equal(json().panels[0].members[0].email, 'declan.f@northbridge.example.org')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /member's details were saved/)
  })
  const beforeEmail = text()
  await page.goto(url + 'settings/panels/permanence/members/2')
  await page.locator('#email').fill('anjali.mistry')
  await page.getByRole('button', { name: 'Save the member' }).click()
  await ready(page)
  await check('an email without @ is refused beside its field and nothing is written', async () => {
    assert.match(await page.locator('#email-error').innerText(), /email/)
    assert.equal(text(), beforeEmail)
  })
  await noViolations(page, 'a member\'s details with an error')
  await shoot(page, 'settings-member-error')

  // 5. Adding a member with the keyboard alone, then removing it.
  await page.goto(url + 'settings/panels/permanence')
  await ready(page)
  await tabTo(page, { text: 'Add a member' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/members\/new$/)
  await ready(page)
  await tabTo(page, { id: 'name' })
  await page.keyboard.type('Sam Okafor')
  await tabTo(page, { id: 'role' })
  await page.keyboard.type('Independent member')
  await tabTo(page, { id: 'email' })
  await page.keyboard.type('sam.okafor@northbridge.example.org')
  await page.keyboard.press('Enter')
  await page.waitForURL(/done=member_added/)
  await ready(page)
  await check('a member added with the keyboard alone is at the end of the panel\'s members', async () => {
    const members = json().panels[0].members
    assert.equal(members.length, 5)
    assert.deepEqual(members[4], { name: 'Sam Okafor', role: 'Independent member', email: 'sam.okafor@northbridge.example.org' })
  })
  await page.getByRole('button', { name: 'Remove Sam Okafor' }).click()
  await page.waitForURL(/done=member_removed/)
  await ready(page)
  await check('removing the member takes it out again', async () => {
    assert.equal(json().panels[0].members.length, 4)
    assert.ok(!text().includes('Sam Okafor'))
  })

  // 6. Mail: allowed domains.
  await page.goto(url + 'settings/mail')
  await ready(page)
  await noViolations(page, 'the mail settings')
  await shoot(page, 'settings-mail')
  await check('the mail form shows no secret', async () => {
    assert.equal(await page.locator('input[type=password]').count(), 0)
    assert.doesNotMatch(await page.content(), /passwordFile|passwordEnv/)
  })
  const beforeDomains = text()
  await page.locator('#allowed-domains').fill('northbridge.example.org\ncafcass.example.org\nadopt three rivers!\n')
  await page.getByRole('button', { name: 'Save the mail settings' }).click()
  await ready(page)
  await check('a domain that is not one is refused beside the field and nothing is written', async () => {
    assert.ok(await page.locator('#allowed-domains-error').count() === 1)
    assert.equal(text(), beforeDomains)
  })
  await noViolations(page, 'the mail settings with an error')
  await shoot(page, 'settings-mail-error')
  await page.locator('#allowed-domains').fill('northbridge.example.org\ncafcass.example.org\nadoptthreerivers.example.org\nnorthbridge-health.example.org\n')
  await page.getByRole('button', { name: 'Save the mail settings' }).click()
  await page.waitForURL(/done=mail/)
  await check('the allowed domains are saved', async () => {
    assert.deepEqual(json().allowedDomains, ['northbridge.example.org', 'cafcass.example.org', 'adoptthreerivers.example.org', 'northbridge-health.example.org'])
  })

  // 7. Templates: a file that is not there.
  await page.goto(url + 'settings/templates')
  await ready(page)
  await noViolations(page, 'the templates')
  await shoot(page, 'settings-templates')
  const beforeTemplates = text()
  await page.locator('#template-agenda').fill('templates/no-such-agenda.docx')
  await page.getByRole('button', { name: 'Save the templates' }).click()
  await ready(page)
  await check('a template file that is not there is refused beside its kind', async () => {
    assert.match(await page.locator('#template-agenda-error').innerText(), /no file at/)
    assert.equal(text(), beforeTemplates)
  })
  await noViolations(page, 'the templates with an error')

  // 8. A stale form, and a forged one.
  const second = await page.context().newPage()
  watch(second, errors)
  await page.goto(url + 'settings/panels/aep')
  await second.goto(url + 'settings/panels/aep')
  await second.locator('#name').fill('Northbridge AEP Panel')
  await second.getByRole('button', { name: 'Save the panel' }).click()
  await second.waitForURL(/done=panel/)
  const afterSecond = text()
  await page.locator('#name').fill('Another name')
  const staleAnswer = page.waitForResponse((r) => r.request().method() === 'POST')
  await page.getByRole('button', { name: 'Save the panel' }).click()
  await check('a form opened before another change is refused (409) in words, nothing written', async () => {
    assert.equal((await staleAnswer).status(), 409)
    await ready(page)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /changed since you opened this form/)
    assert.equal(text(), afterSecond)
    assert.equal(json().panels[1].name, 'Northbridge AEP Panel')
  })
  await noViolations(page, 'a stale form')
  await shoot(page, 'settings-stale')
  const forged = await page.context().request.post(url + 'settings/mail', {
    form: { csrf_token: 'forged', host: 'evil.example', 'from-name': 'x', 'from-email': 'x@x.example' }, maxRedirects: 0
  })
  await check('a POST without the CSRF token is 403 and office.json is unchanged', () => {
    assert.equal(forged.status(), 403)
    assert.equal(text(), afterSecond)
  })

  // 9. The result validates; the audit has each old and new value.
  await check('panelpack validate passes on the changed office.json', () => {
    const run = spawnSync(binary, ['validate', officeJson])
    assert.equal(run.status, 0, run.stdout.toString() + run.stderr.toString())
  })
  const csv = await (await page.context().request.get(url + 'admin/audit.csv?action=setting_changed')).text()
  await check('the audit CSV shows each setting\'s old and new value', () => {
    assert.match(csv, /^id,time,actor,action,object_kind,object_id,outcome,client,detail\r\n/)
    for (const line of [
      'permanence name: Northbridge Permanence Panel → Northbridge Permanence and Adoption Panel',
      'permanence deadline papersDue count: (none) → 4',
      'permanence member 1 email: declan.fairweather@northbridge.example.org → declan.f@northbridge.example.org',
      'permanence member added: (none) → Sam Okafor <sam.okafor@northbridge.example.org>',
      'permanence member removed: Sam Okafor <sam.okafor@northbridge.example.org> → (none)',
      'allowedDomains: northbridge.example.org, cafcass.example.org, adoptthreerivers.example.org → northbridge.example.org, cafcass.example.org, adoptthreerivers.example.org, northbridge-health.example.org',
      'aep name: Northbridge Achieving Early Permanence Panel → Northbridge AEP Panel'
    ]) assert.ok(csv.includes(line), `${line}\n${csv}`)
    assert.match(csv, /setting_changed,setting,panel\/aep,stale/)
  })
  await page.goto(url + 'admin/audit?action=setting_changed')
  await ready(page)
  await check('the audit page shows the old and new values', async () => {
    assert.match(await page.locator('table').innerText(), /aep name: Northbridge Achieving Early Permanence Panel → Northbridge AEP Panel/)
  })
  await noViolations(page, 'the audit with settings changes')

  // 10. User accounts.
  await page.goto(url + 'settings/users')
  await ready(page)
  await noViolations(page, 'the user accounts')
  await shoot(page, 'settings-users')
  await check('the accounts list shows the administrator, signed in', async () => {
    const row = page.locator('tr', { hasText: 'priya.admin@council.example' })
    assert.match(await row.innerText(), /Administrator/)
    assert.doesNotMatch(await row.innerText(), /Never/)
  })
  await page.locator('#user-name').fill('mo.member@council.example')
  await page.locator('#display-name').fill('Mo Member')
  await page.locator('#role-member').check()
  await page.getByRole('button', { name: 'Add the account' }).click()
  await ready(page)
  await check('a member with no panel is refused beside the panels', async () => {
    assert.match(await page.locator('#panels-error').innerText(), /panel/)
    assert.ok(!users(office, 'list').includes('mo.member'))
  })
  await noViolations(page, 'the user accounts with an error')
  await shoot(page, 'settings-users-error')
  await page.locator('#panel-aep').check()
  await page.getByRole('button', { name: 'Add the account' }).click()
  await ready(page)
  const oneTime = await page.locator('#one-time-password').innerText()
  await check('the new account\'s one-time password is shown once', async () => {
    assert.ok(oneTime.length >= 12, oneTime)
    const listed = JSON.parse(users(office, 'list', '--json')).accounts.find((a) => a.userName === 'mo.member@council.example')
    assert.deepEqual(listed.panels, ['aep'])
    assert.equal(listed.role, 'member')
    assert.ok(!server.stderr().includes(oneTime))
  })
  await noViolations(page, 'a new account with its one-time password')
  await shoot(page, 'settings-user-added')

  const memberContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const member = await memberContext.newPage()
  watch(member, errors)
  await signIn(member, url, 'mo.member@council.example', oneTime)
  await check('the member signs in with the one-time password and is asked for a new one', async () => {
    assert.match(member.url(), /change-password/)
  })
  await member.locator('#new-password').fill('six slow boats on the river')
  await member.locator('#confirm-password').fill('six slow boats on the river')
  await member.getByRole('button', { name: 'Change password' }).click()
  await member.waitForURL((address) => !address.pathname.startsWith('/change-password'))
  for (const address of ['settings', 'settings/users', 'settings/panels/permanence', 'settings/mail', 'settings/templates']) {
    const answer = await member.goto(url + address)
    await check(`a member is refused /${address} (403)`, () => assert.equal(answer.status(), 403))
  }

  await page.goto(url + 'settings/users/mo.member@council.example')
  await ready(page)
  await noViolations(page, 'an account')
  await shoot(page, 'settings-user')
  await page.locator('#panel-permanence').check()
  await page.getByRole('button', { name: 'Save the role and panels' }).click()
  await page.waitForURL(/done=changed/)
  await check('the member\'s panels are changed, and audited with old and new', async () => {
    const listed = JSON.parse(users(office, 'list', '--json')).accounts.find((a) => a.userName === 'mo.member@council.example')
    assert.deepEqual(listed.panels, ['aep', 'permanence'])
    assert.match(users(office, 'audit', '--csv', '--action', 'account_change'), /panels: aep → aep, permanence/)
  })
  await page.getByRole('button', { name: 'Disable the account' }).click()
  await page.waitForURL(/done=disabled/)
  await ready(page)
  await check('a disabled account\'s session is refused', async () => {
    await member.goto(url + 'panels')
    assert.match(member.url(), /sign-in/)
    const listed = JSON.parse(users(office, 'list', '--json')).accounts.find((a) => a.userName === 'mo.member@council.example')
    assert.equal(listed.disabled, true)
  })
  await page.getByRole('button', { name: 'Give a new one-time password' }).click()
  await ready(page)
  await check('a new one-time password is shown once for the account', async () => {
    const fresh = await page.locator('#one-time-password').innerText()
    assert.ok(fresh.length >= 12 && fresh !== oneTime)
  })

  await page.goto(url + 'settings/users/priya.admin@council.example')
  await page.locator('#role-viewer').check()
  await page.getByRole('button', { name: 'Save the role and panels' }).click()
  await ready(page)
  await check('the only administrator cannot make themselves a viewer', async () => {
    assert.match(await page.locator('#role-error').innerText(), /only administrator/)
    const listed = JSON.parse(users(office, 'list', '--json')).accounts.find((a) => a.userName === 'priya.admin@council.example')
    assert.equal(listed.role, 'administrator')
  })
  await noViolations(page, 'an account with an error')

  // The refused forms' own 400, 403 and 409 answers are the browser's only console errors.
  await check('no page had a script error or a refused resource', () => assert.deepEqual(
    errors.filter((e) => !/^Failed to load resource: the server responded with a status of (400|403|409)/.test(e)), []))
} finally {
  await shutDown(browser, server)
}
passed()
