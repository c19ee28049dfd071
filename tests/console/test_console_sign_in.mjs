// Signing in through the browser: Playwright drives Debian's Chromium against `panelpack serve`
// on free loopback ports over a copy of the sample office, with accounts made by
// `panelpack users add` (their one-time passwords read from its output). It signs in with the
// keyboard alone, is made to change the one-time password, sees the signed-in start page and
// the audit; a wrong password's error summary takes focus; five wrong passwords lock an account
// that then stays out with the right one; POSTs without their token are 403 and change nothing;
// a viewer meets 403 at the audit; signing out ends the session; an idle session ends
// (--idle-timeout 2); eleven attempts in a row from one address are throttled. axe finds
// no WCAG 2.2 A/AA violation on each page; screenshots go to PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import fs from 'node:fs'

import {
  addUser, axeViolations, check, chromium, passed, ready, sampleOffice, shoot, signIn,
  startServer, users, shutDown
} from './console_harness.mjs'

const office = sampleOffice('panelpack-sign-in-')
const admin = { user: 'ada.admin@council.example', otp: addUser(office, 'ada.admin@council.example', 'administrator', 'Ada Admin'), password: 'a kettle of slow green fish' }
const viewer = { user: 'vic.viewer@council.example', otp: addUser(office, 'vic.viewer@council.example', 'viewer', 'Vic Viewer'), password: 'seven quiet owls at noon' }
const locked = { user: 'lee.locked@council.example', otp: addUser(office, 'lee.locked@council.example', 'viewer', 'Lee Locked') }

const server = await startServer(office)
const url = server.url
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true })
const pageErrors = []
function watch (page) {
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => { if (message.type() === 'error') pageErrors.push(message.text()) })
}
try {
  // 1. The administrator signs in with the keyboard alone, with the one-time password.
  const adminContext = await browser.newContext()
  const page = await adminContext.newPage()
  watch(page)
  await page.goto(url + 'sign-in')
  await ready(page)
  await check('the sign-in page passes axe', async () => {
    assert.deepEqual(await axeViolations(page), [])
  })
  const signInForm = await page.evaluate(() => ({
    user: [document.querySelector('#user-name').autocomplete, document.querySelector('#user-name').placeholder],
    password: [document.querySelector('#password').autocomplete, document.querySelector('#password').type],
    label: document.querySelector('label[for=user-name]').textContent
  }))
  await check('the sign-in form has labels and autocomplete, no placeholder', () => {
    assert.deepEqual(signInForm, { user: ['username', ''], password: ['current-password', 'password'], label: 'Email address' })
  })
  await shoot(page, 'sign-in')
  for (let tab = 0; tab < 10; tab++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(() => document.activeElement.id) === 'user-name') break
  }
  await page.keyboard.type(admin.user)
  await page.keyboard.press('Tab')
  await page.keyboard.type(admin.otp)
  await page.keyboard.press('Enter')
  await page.waitForURL(url + 'change-password')
  await ready(page)
  const cookies = await adminContext.cookies()
  const session = cookies.find((c) => c.name === 'panelpack_session')
  await check('signing in by keyboard sets an HttpOnly, SameSite=Strict session cookie and forces a new password', () => {
    assert.ok(session, JSON.stringify(cookies))
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Strict')
    assert.equal(session.path, '/')
    assert.equal(session.value.length, 43)
  })
  await page.goto(url + 'admin/audit')
  await check('before the change, every page sends the person back to change the password', () => {
    assert.equal(page.url(), url + 'change-password')
  })
  await ready(page)
  assert.deepEqual(await axeViolations(page), [])
  await shoot(page, 'change-password')
  await page.locator('#new-password').fill(admin.password)
  await page.locator('#confirm-password').fill('something else entirely')
  await page.getByRole('button', { name: 'Change password' }).click()
  await ready(page)
  const mismatch = await page.locator('.govuk-error-summary').innerText()
  await check("two different new passwords are refused beside the second field", async () => {
    assert.match(mismatch, /The two new passwords are not the same/)
    assert.equal(await page.locator('#confirm-password-error').count(), 1)
    assert.deepEqual(await axeViolations(page), [])
  })
  await shoot(page, 'change-password-error')
  await page.locator('#new-password').fill('short')
  await page.locator('#confirm-password').fill('short')
  await page.getByRole('button', { name: 'Change password' }).click()
  await ready(page)
  await check("the store's rule is said beside the new password", async () => {
    assert.match(await page.locator('#new-password-error').innerText(), /at least 12 characters/)
  })
  await page.locator('#new-password').fill(admin.password)
  await page.locator('#confirm-password').fill(admin.password)
  await page.getByRole('button', { name: 'Change password' }).click()
  await page.waitForURL(url + 'today')
  await ready(page)
  const startText = await page.locator('main').innerText()
  await check('a signed-in administrator starts at Today, which names the person and role, with sign-out', () => {
    assert.match(startText, /Signed in as Ada Admin \(administrator\)/)
    assert.match(startText, /Change your password/)
    assert.match(startText, /What needs attention/)
    assert.match(startText, /The audit/)
  })
  assert.deepEqual(await axeViolations(page), [])
  await shoot(page, 'signed-in-start')
  const listed = users(office, 'list', '--json')
  await check('the password is changed in the store (must_change_password false)', () => {
    const account = JSON.parse(listed).accounts.find((a) => a.userName === admin.user)
    assert.equal(account.mustChangePassword, false, listed)
  })

  // 2. The audit, for administrators.
  const auditResponse = await page.goto(url + 'admin/audit')
  await ready(page)
  const auditText = await page.locator('table').innerText()
  await check('the audit page lists the sign-in and the password change', () => {
    assert.equal(auditResponse.status(), 200)
    assert.equal(auditResponse.headers()['cache-control'], 'no-store')
    assert.match(auditText, /Signed in\s+sign_in\s+user ada\.admin@council\.example\s+Done/)
    assert.match(auditText, /password_set/)
  })
  assert.deepEqual(await axeViolations(page), [])
  await shoot(page, 'audit-after-sign-in')

  // 3. POSTs without their token are refused and change nothing.
  const noToken = await adminContext.request.post(url + 'sign-out', { form: { csrf_token: 'forged' }, maxRedirects: 0 })
  const stillIn = await adminContext.request.get(url)
  await check('a sign-out POST without the CSRF token is 403 and the session goes on', async () => {
    assert.equal(noToken.status(), 403)
    assert.match(await noToken.text(), /This form could not be sent/)
    assert.match(await stillIn.text(), /Signed in as Ada Admin/)
  })
  const noPassword = await adminContext.request.post(url + 'change-password',
    { form: { new_password: 'an entirely new secret', confirm_password: 'an entirely new secret' }, maxRedirects: 0 })
  await check('a change-password POST without the CSRF token is 403', () => assert.equal(noPassword.status(), 403))
  const stranger = await browser.newContext()
  const loginCsrf = await stranger.request.post(url + 'sign-in',
    { form: { user_name: admin.user, password: admin.password }, maxRedirects: 0 })
  await check('a sign-in POST without the sign-in token (login CSRF) is 403 and sets no session', () => {
    assert.equal(loginCsrf.status(), 403)
    assert.doesNotMatch(loginCsrf.headers()['set-cookie'] ?? '', /panelpack_session/)
  })
  await stranger.close()
  const refusals = users(office, 'audit', '--action', 'csrf_refused')
  await check('each refusal is audited (csrf_refused)', () => {
    assert.equal((refusals.match(/csrf_refused/g) ?? []).length, 3, refusals)
  })

  // 4. Signing out ends the session: the menu has "Sign out" on every page (here the audit).
  await page.goto(url + 'admin/audit')
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL(/\/sign-in\?signed_out=yes$/)
  await ready(page)
  await check('signing out says so', async () => {
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /You have signed out/)
  })
  await page.goto(url + 'admin/audit')
  await check('after signing out, a page sends to /sign-in?next=PATH', () => {
    assert.equal(page.url(), url + 'sign-in?next=/admin/audit')
  })
  const afterOut = await adminContext.request.post(url + 'sign-out', { form: { csrf_token: 'x' }, maxRedirects: 0 })
  await check('the old session is gone (a POST needing it goes to sign-in)', () => assert.equal(afterOut.status(), 303))

  // 5. A wrong password: one message, the error summary takes focus.
  const viewerContext = await browser.newContext()
  const viewerPage = await viewerContext.newPage()
  watch(viewerPage)
  await signIn(viewerPage, url, viewer.user, 'not the password at all')
  const wrong = await viewerPage.evaluate(() => ({
    focused: document.activeElement.classList.contains('govuk-error-summary'),
    summary: document.querySelector('.govuk-error-summary').innerText,
    link: document.querySelector('.govuk-error-summary a').getAttribute('href'),
    title: document.title
  }))
  await check('a wrong password shows the error summary, focused, linking to the field', () => {
    assert.equal(wrong.focused, true)
    assert.match(wrong.summary, /The email address or the password is not right/)
    assert.equal(wrong.link, '#user-name')
    assert.match(wrong.title, /^Error: Sign in/)
  })
  assert.deepEqual(await axeViolations(viewerPage), [])
  await shoot(viewerPage, 'sign-in-error')
  await signIn(viewerPage, url, 'nobody@council.example', 'not the password at all')
  await check('an unknown user gets the same message', async () => {
    assert.match(await viewerPage.locator('.govuk-error-summary').innerText(), /The email address or the password is not right/)
  })

  // 6. A viewer reaches an administrator's page: 403, audited.
  await signIn(viewerPage, url, viewer.user, viewer.otp)
  await viewerPage.locator('#new-password').fill(viewer.password)
  await viewerPage.locator('#confirm-password').fill(viewer.password)
  await viewerPage.getByRole('button', { name: 'Change password' }).click()
  await viewerPage.waitForURL(url + 'today')
  const forbidden = await viewerPage.goto(url + 'admin/audit')
  await ready(viewerPage)
  await check('a viewer at /admin/audit gets the 403 page', async () => {
    assert.equal(forbidden.status(), 403)
    assert.equal((await viewerPage.locator('h1').innerText()).trim(), 'You cannot see this page')
    assert.deepEqual(await axeViolations(viewerPage), [])
  })
  await shoot(viewerPage, 'forbidden')
  await check('the refusal is audited (page_refused)', () => {
    assert.match(users(office, 'audit', '--action', 'page_refused'), /vic\.viewer@council\.example/)
  })

  // 7. Five wrong passwords lock the account; the right one then stays out.
  const lockContext = await browser.newContext()
  const lockPage = await lockContext.newPage()
  for (let attempt = 0; attempt < 5; attempt++) await signIn(lockPage, url, locked.user, 'wrong password ' + attempt)
  await signIn(lockPage, url, locked.user, locked.otp)
  const lockedText = await lockPage.locator('.govuk-error-summary').innerText()
  await check('after 5 wrong passwords the right one is refused: locked, with when to try again', () => {
    assert.match(lockedText, /This account is locked after too many wrong passwords. Try again after \d\d:\d\d/)
    assert.equal(lockPage.url(), url + 'sign-in')
  })
  await check('no session was made for the locked account', async () => {
    assert.equal((await lockContext.cookies()).some((c) => c.name === 'panelpack_session'), false)
  })

  // 8. At most ten attempts a minute from one address: eleven in a row (a few seconds) cannot
  // all be taken, whatever this run's earlier attempts.
  let throttledAt = 0
  let throttledStatus = 0
  for (let attempt = 1; attempt <= 11 && !throttledAt; attempt++) {
    await lockPage.goto(url + 'sign-in')
    await lockPage.locator('#user-name').fill('someone@council.example')
    await lockPage.locator('#password').fill('attempt ' + attempt)
    const [answer] = await Promise.all([
      lockPage.waitForResponse((r) => r.request().method() === 'POST'),
      lockPage.getByRole('button', { name: 'Sign in' }).click()
    ])
    const summary = await lockPage.locator('.govuk-error-summary').innerText()
    if (/too many attempts to sign in from this computer/.test(summary)) {
      throttledAt = attempt
      throttledStatus = answer.status()
    }
  }
  await check('eleven sign-ins in a row from one address are throttled (429, said in words)', () => {
    assert.ok(throttledAt > 0)
    assert.equal(throttledStatus, 429)
  })

  // 9. An idle session ends: a second server on the same office with --idle-timeout 2.
  const brief = await startServer(office, ['--idle-timeout', '2'])
  try {
    const idleContext = await browser.newContext()
    const idlePage = await idleContext.newPage()
    await signIn(idlePage, brief.url, admin.user, admin.password)
    await check('signed in on the short-timeout server', async () => {
      assert.match(await idlePage.locator('main').innerText(), /Signed in as Ada Admin/)
    })
    await idlePage.waitForTimeout(3000)  // longer than the idle timeout
    await idlePage.goto(brief.url + 'admin/audit')
    await ready(idlePage)
    await check('after the idle timeout the person is at sign-in, told why, with next kept', async () => {
      assert.equal(idlePage.url(), brief.url + 'sign-in?next=/admin/audit&signed_out=idle')
      assert.match(await idlePage.locator('.govuk-notification-banner').innerText(),
        /You were signed out after 2 seconds without activity/)
      assert.deepEqual(await axeViolations(idlePage), [])
    })
    await shoot(idlePage, 'signed-out-idle')
  } finally {
    brief.child.kill('SIGTERM')
  }

  await check('the pages ran without a script error or a CSP refusal', () => {
    assert.deepEqual(pageErrors.filter((text) => !/40[34]/.test(text)), [])
  })
} finally {
  await shutDown(browser, server)
}
fs.rmSync(office, { recursive: true, force: true })
passed()
