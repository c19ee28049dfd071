// Every section page of the case form in a real browser (the task list's 22 links of a case
// with a matching and a finance request, and a new item page of each list): each opens (200)
// and axe finds no WCAG 2.2 A/AA violation (on every section, on a quarter of the item pages,
// which share one template). test_console_cases.mjs does the changes.
import assert from 'node:assert/strict'

import {
  launchChromium, pageSignedInAs, axeViolations, check, passed, sampleOffice, startServer, shutDown
} from './console_harness.mjs'

const office = sampleOffice('panelpack-console-case-sections-')
const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []

try {
  const page = await pageSignedInAs(browser, office, url, errors, {
    user: 'bso@council.example', role: 'administrator', name: 'Bea Officer', password: 'long enough admin words'
  })
  await page.goto(url + 'cases/LCS900104/edit')
  const sections = await page.locator('#case-sections a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
  await check('the task list links 22 sections', () => assert.equal(sections.length, 22))
  const items = []
  for (const link of sections) {
    const response = await page.goto(url + link.slice(1))
    await check(`${link} opens and passes axe`, async () => {
      assert.equal(response.status(), 200)
      assert.deepEqual(await axeViolations(page), [], link)
    })
    items.push(...await page.locator('a[id$="-add"]').evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
  }
  // Item pages share one template: each opens; axe runs on every fourth (under the time cap).
  await check('every list item page (a new one) opens, every fourth passes axe', async () => {
    assert.ok(items.length >= 15, `only ${items.length} lists`)
    for (const [index, link] of items.entries()) {
      const response = await page.goto(url + link.slice(1))
      assert.equal(response.status(), 200, link)
      assert.ok(await page.locator('#save-case').count() === 1, link)
      if (index % 4 === 0) assert.deepEqual(await axeViolations(page), [], link)
    }
  })
  await check('no script error or CSP refusal on any page', () => assert.deepEqual(errors, []))
} finally {
  await shutDown(browser, server)
}
passed()
