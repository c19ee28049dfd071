// The Reports pages through the browser, on a copy of the sample office whose open actions are
// due in 2099 but LCS900101's A2, due 2 December 2026: overdue whatever day the test runs. A
// viewer opens Reports from the menu; the tracker shows the sample's five decisions with the
// workbook's columns; a column header's link sorts (aria-sort says how) and again turns the
// order round; the filters (decision, overdue actions, dates) narrow it through the address, and
// a wrong date is an error beside its field. The XLSX opens as a zip whose sheet holds the case
// references, and the two CSVs are the rows on the page and the bytes `panelpack tracker`
// writes; views and downloads are in the audit. The quarter holding December 2026 shows each
// measure as `panelpack report --json` computes it, each chart's words are its table's figures,
// the DOCX holds the figures and the PDF is a PDF. The chooser goes to any quarter (a wrong year
// is an error). A member is refused every Reports address (403). One flow by keyboard alone.
// axe finds no WCAG 2.2 A/AA violation on any page or error state; screenshots go to
// PANELPACK_ARTEFACTS.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import {
  accountSignedIn, axeViolations, binary, check, launchChromium, pageSignedInAs, passed, ready,
  sampleOffice, shoot, shutDown, startServer, tabTo, users
} from './console_harness.mjs'

const office = sampleOffice('panelpack-reports-')
// The real clock decides what is overdue: every open action is moved far ahead but one, moved
// into the past, so that the test reads the same on any day.
for (const date of ['2026-12-08', '2026-12-15']) {
  const file = path.join(office, 'decisions', 'permanence', `${date}.json`)
  const sitting = JSON.parse(fs.readFileSync(file, 'utf8'))
  for (const decision of sitting.decisions) {
    for (const action of decision.actions ?? []) {
      if (action.status === 'open') action.dueDate = '2099-12-31'
      if (decision.caseRef === 'LCS900101' && action.id === 'A2') action.dueDate = '2026-12-02'
    }
  }
  fs.writeFileSync(file, JSON.stringify(sitting, null, 2))
}
const today = new Date()
const thisQuarter = `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`

const allCases = ['LCS900101', 'LCS900112', 'LCS900102', 'LCS900103', 'LCS900108']

function panelpack (...words) {
  const run = spawnSync(binary, [...words, '--office', office])
  assert.equal(run.status, 0, run.stderr.toString())
  return run.stdout
}

// RFC 4180 records (quoted fields, doubled quotes, CRLF) of a CSV, without its byte order mark.
function parseCsv (text) {
  const records = [['']]
  let quoted = false
  text = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    const record = records[records.length - 1]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { record[record.length - 1] += '"'; i++ } else if (c === '"') quoted = false
      else record[record.length - 1] += c
    } else if (c === '"') quoted = true
    else if (c === ',') record.push('')
    else if (c === '\r' && text[i + 1] === '\n') { i++; records.push(['']) } else record[record.length - 1] += c
  }
  if (records[records.length - 1].length === 1 && records[records.length - 1][0] === '') records.pop()
  return records
}

// One part of a zip file (an XLSX, a DOCX), read with Python's zipfile.
function zipPart (file, part) {
  const run = spawnSync('/usr/bin/python3', ['-c',
    'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', file, part])
  assert.equal(run.status, 0, run.stderr.toString())
  return run.stdout.toString()
}

// A table's header texts and its rows' cell texts (without the sort links' hidden words).
async function tableOf (page, selector) {
  return page.locator(selector).evaluate((table) => {
    const text = (cell) => {
      const copy = cell.cloneNode(true)
      copy.querySelectorAll('.govuk-visually-hidden, [aria-hidden="true"]').forEach((e) => e.remove())
      return copy.textContent.replace(/\s+/g, ' ').trim()
    }
    return {
      headers: [...table.querySelectorAll('thead th')].map(text),
      rows: [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map(text))
    }
  })
}

async function noViolations (page, what) {
  await check(`axe finds no violation: ${what}`, async () => assert.deepEqual(await axeViolations(page), []))
}

async function download (page, linkName, timeout = 30000) {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout }),
    page.getByRole('link', { name: linkName }).click()
  ])
  const saved = path.join(office, 'downloaded-' + file.suggestedFilename())
  await file.saveAs(saved)
  return { name: file.suggestedFilename(), file: saved }
}

const server = await startServer(office)
const url = server.url
const browser = await launchChromium()
const errors = []
try {
  const page = await pageSignedInAs(browser, office, url, errors, {
    user: 'vic.viewer@council.example', role: 'viewer', name: 'Vic Viewer', password: 'seven quiet owls at noon'
  })

  // 1. Reports, from the menu.
  await page.getByRole('link', { name: 'Reports', exact: true }).click()
  await page.waitForURL(/\/reports$/)
  await ready(page)
  await check('Reports links the tracker, this quarter and the four before', async () => {
    assert.equal(await page.locator('h1').textContent(), 'Reports')
    assert.equal(await page.getByRole('link', { name: 'Open the decisions tracker' }).getAttribute('href'), '/reports/tracker')
    const quarters = await page.locator('a[href^="/reports/quarterly/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    assert.equal(quarters.length, 5)
    assert.equal(quarters[0], `/reports/quarterly/${thisQuarter}`)
    assert.equal(await page.locator('.govuk-service-navigation__item--active').textContent().then((t) => t.trim()), 'Reports')
  })
  await noViolations(page, 'Reports')
  await shoot(page, 'reports-index')

  // 2. The tracker: the sample's decisions with the workbook's columns.
  await page.goto(url + 'reports/tracker')
  await ready(page)
  const tracker = await tableOf(page, '#decisions-table')
  const actionsTable = await tableOf(page, '#actions-table')
  await check('the tracker shows the five decisions in sitting then agenda order, with the XLSX columns', () => {
    assert.deepEqual(tracker.headers, ['Sitting', 'Panel', 'Case ref', 'Child ID', 'Decision', 'Agreed plan',
      'Parallel plans', 'Monitoring', 'Next review', 'Record due', 'Recorded on file', 'Record', 'Open actions'])
    assert.deepEqual(tracker.rows.map((row) => row[2]), allCases)
    const row = tracker.rows[2]
    assert.equal(row[0], '15 Dec 2026')
    assert.equal(row[1], 'Northbridge Permanence Panel')
    assert.equal(row[4], 'Plan ratified')
    assert.equal(row[9], '22 Dec 2026')
    assert.equal(tracker.rows[4][4], 'Deferred for more information')
    assert.equal(actionsTable.rows.length, 7)
  })
  await noViolations(page, 'the tracker')
  await shoot(page, 'reports-tracker')
  await check('the tracker view is in the audit', () => {
    assert.match(users(office, 'audit', '--action', 'view'), /view\s+tracker\s+all/)
  })

  // 3. Sorting by a column's header, then the other way round.
  await page.getByRole('link', { name: /^Case ref\s*,? sort/ }).first().click()
  await page.waitForURL(/sort=case-ref&order=ascending/)
  await ready(page)
  await check('the Case ref header sorts smallest first, and says so with aria-sort', async () => {
    assert.deepEqual((await tableOf(page, '#decisions-table')).rows.map((row) => row[2]),
      ['LCS900101', 'LCS900102', 'LCS900103', 'LCS900108', 'LCS900112'])
    assert.equal(await page.locator('#decisions-table th[aria-sort]').count(), 1)
    assert.equal(await page.locator('#decisions-table th[aria-sort="ascending"]').textContent().then((t) => t.includes('Case ref')), true)
  })
  await page.getByRole('link', { name: /^Case ref\s*,? sort/ }).first().click()
  await page.waitForURL(/sort=case-ref&order=descending/)
  await ready(page)
  await check('a second press turns the order round', async () => {
    assert.deepEqual((await tableOf(page, '#decisions-table')).rows.map((row) => row[2]),
      ['LCS900112', 'LCS900108', 'LCS900103', 'LCS900102', 'LCS900101'])
    assert.equal(await page.locator('#decisions-table th[aria-sort="descending"]').count(), 1)
  })
  await noViolations(page, 'the tracker sorted')
  await shoot(page, 'reports-tracker-sorted')

  // 4. Filters, as GET parameters.
  await page.goto(url + 'reports/tracker')
  await ready(page)
  await page.locator('summary', { hasText: 'Filter the tracker' }).click()
  await page.locator('#outcome').selectOption('deferred_more_info')
  await page.getByRole('button', { name: 'Show these rows' }).click()
  await page.waitForURL(/outcome=deferred_more_info/)
  await ready(page)
  await check('the decision filter keeps LCS900108 and its action', async () => {
    assert.deepEqual((await tableOf(page, '#decisions-table')).rows.map((row) => row[2]), ['LCS900108'])
    assert.deepEqual((await tableOf(page, '#actions-table')).rows.map((row) => row[2]), ['LCS900108'])
  })
  await page.goto(url + 'reports/tracker?overdue=yes')
  await ready(page)
  await check('only overdue actions: LCS900101\'s A2, due 2 December, and its decision', async () => {
    assert.deepEqual((await tableOf(page, '#decisions-table')).rows.map((row) => row[2]), ['LCS900101'])
    const overdue = await tableOf(page, '#actions-table')
    assert.deepEqual(overdue.rows.map((row) => [row[2], row[3], row[7], row[9]]), [['LCS900101', 'A2', 'Overdue', 'Yes']])
    assert.equal(await page.locator('#overdue').isChecked(), true)
  })
  await page.goto(url + 'reports/tracker?from-day=10&from-month=12&from-year=2026')
  await ready(page)
  await check('sittings from 10 December: the three of the 15th', async () => {
    assert.deepEqual((await tableOf(page, '#decisions-table')).rows.map((row) => row[2]), ['LCS900102', 'LCS900103', 'LCS900108'])
    assert.match(await page.locator('#decisions-caption').textContent(), /3 of 3/)
  })
  await noViolations(page, 'the tracker filtered')
  await shoot(page, 'reports-tracker-filtered')
  await page.goto(url + 'reports/tracker?from-day=10&from-month=13&from-year=2026')
  await ready(page)
  await check('a date that is not one is an error beside its field, and the rows are not narrowed by it', async () => {
    assert.match(await page.locator('.govuk-error-summary').textContent(), /The first sitting date must be a real date/)
    assert.equal(await page.locator('#from-error').count(), 1)
    assert.equal((await tableOf(page, '#decisions-table')).rows.length, 5)
  })
  await noViolations(page, 'the tracker with a wrong date')
  await shoot(page, 'reports-tracker-error')

  // 5. The downloads: the workbook and its two sheets as CSV, the same as the command line's.
  await page.goto(url + 'reports/tracker')
  await ready(page)
  const xlsx = await download(page, /Download the tracker for Excel/)
  await check('the XLSX is a zip whose Decisions sheet has the five rows and whose strings are the case references', () => {
    assert.equal(xlsx.name, 'tracker.xlsx')
    const sheet = zipPart(xlsx.file, 'xl/worksheets/sheet1.xml')
    assert.equal((sheet.match(/<row /g) ?? []).length, 6)
    const strings = zipPart(xlsx.file, 'xl/sharedStrings.xml')
    for (const ref of allCases) assert.ok(strings.includes(`>${ref}<`), ref)
  })
  const csv = await download(page, /Download the decisions as CSV/)
  const actionsCsv = await download(page, /Download the actions as CSV/)
  const commandCsv = path.join(office, 'command-tracker.csv')
  panelpack('tracker', '-o', commandCsv)
  await check('the decisions CSV holds the page\'s rows and columns, and is what `panelpack tracker` writes', () => {
    const records = parseCsv(fs.readFileSync(csv.file, 'utf8'))
    assert.deepEqual(records[0], tracker.headers)
    assert.deepEqual(records.slice(1).map((row) => row[2]), allCases)
    records.slice(1).forEach((row, i) => {
      assert.equal(row[4], tracker.rows[i][4])
      assert.equal(row[11], tracker.rows[i][11])
    })
    assert.deepEqual(fs.readFileSync(csv.file), fs.readFileSync(commandCsv))
    assert.deepEqual(fs.readFileSync(actionsCsv.file), fs.readFileSync(path.join(office, 'command-tracker-actions.csv')))
    assert.equal(parseCsv(fs.readFileSync(actionsCsv.file, 'utf8')).length, 8)
  })
  await check('each download is in the audit with its file', () => {
    const audit = users(office, 'audit', '--action', 'download')
    for (const name of ['tracker.xlsx', 'tracker.csv', 'tracker-actions.csv']) {
      assert.match(audit, new RegExp(`download\\s+tracker\\s+${name.replace('.', '\\.')} start\\.\\.end`))
    }
  })

  // 6. The quarter holding December 2026, against `panelpack report --json`.
  const report = JSON.parse(panelpack('report', '--quarter', '2026-Q4', '--json').toString())
  await page.goto(url + 'reports')
  await ready(page)
  // From its link while it is among the last five quarters, else by its address.
  if (await page.getByRole('link', { name: 'October to December 2026' }).count() > 0) {
    await page.getByRole('link', { name: 'October to December 2026' }).click()
  } else {
    await page.goto(url + 'reports/quarterly/2026-Q4')
  }
  await page.waitForURL(/\/reports\/quarterly\/2026-Q4$/)
  await ready(page)
  await check('each measure shows the report\'s numerator, denominator, percentage, change and verdict', async () => {
    assert.equal(await page.locator('h1').textContent(), 'October to December 2026')
    for (const measure of report.measures) {
      const cells = await page.locator(`#measure-${measure.id} td`).allTextContents()
      const current = measure.isCount ? String(measure.current.numerator) : `${measure.current.numerator} of ${measure.current.denominator}`
      assert.equal(cells[0].trim(), current, measure.id)
      if (!measure.isCount) assert.equal(cells[1].trim(), measure.current.percentageText, measure.id)
      if (!measure.isCount && measure.previous.denominator === 0) assert.equal(cells[2].trim(), 'no cases', measure.id)
      const verdict = { better: 'Better', worse: 'Worse', same: 'Same', 'not comparable': 'Not comparable' }[measure.verdict]
      assert.equal(cells[4].trim(), verdict, measure.id)
    }
    // Provisional while the quarter has not ended, as the report says.
    assert.equal(await page.locator('.govuk-warning-text', { hasText: 'Provisional' }).count(), report.provisional ? 1 : 0)
    assert.match(await page.locator('main').textContent(), /says\s+no cases\s+rather than 0%/)
  })
  await check('each chart is a figure with a caption, an SVG image with a title, and its table', async () => {
    for (const id of ['chart-outcomes', 'chart-measures']) {
      const figure = page.locator(`figure#${id}`)
      assert.equal(await figure.locator('figcaption').count(), 1, id)
      assert.equal(await figure.locator('svg[role="img"]').count(), 1, id)
      assert.equal(await figure.locator('svg title').count(), 1, id)
      assert.equal(await figure.locator('svg desc').count(), 1, id)
      assert.equal(await figure.locator(`table#${id}-table`).count(), 1, id)
    }
  })
  await check('the outcomes chart\'s words are its table\'s numbers, and the report\'s', async () => {
    const table = await tableOf(page, '#chart-outcomes-table')
    const words = await page.locator('#chart-outcomes svg text').allTextContents()
    assert.equal(table.rows.length, report.outcomes.length)
    report.outcomes.forEach((outcome, i) => {
      assert.deepEqual(table.rows[i], [outcome.label, String(outcome.count), String(outcome.previousCount)])
      assert.ok(words.includes(`October to December 2026: ${outcome.count}`), words.join('|'))
      assert.ok(words.includes(outcome.label))
    })
    // Bars as long as their counts: the longest is the largest count's.
    const lengths = await page.locator('#chart-outcomes svg rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))))
    const counts = report.outcomes.flatMap((o) => [o.count, o.previousCount])
    const largest = Math.max(...counts)
    counts.forEach((count, i) => assert.ok(Math.abs(lengths[i] - 440 * count / largest) < 0.1, `${lengths[i]} for ${count}`))
  })
  await check('the measures chart\'s words are its table\'s percentages', async () => {
    const table = await tableOf(page, '#chart-measures-table')
    const words = await page.locator('#chart-measures svg text').allTextContents()
    const shares = report.measures.filter((m) => !m.isCount)
    assert.equal(table.rows.length, shares.length)
    shares.forEach((measure, i) => {
      const phrase = measure.current.denominator === 0 ? 'no cases' : `${measure.current.percentageText} (${measure.current.numerator} of ${measure.current.denominator})`
      assert.equal(table.rows[i][1], phrase, measure.id)
      assert.ok(words.includes(`October to December 2026: ${phrase}`), words.join('|'))
    })
  })
  await noViolations(page, 'the quarterly report')
  await page.locator('#chart-outcomes summary').click()
  await page.locator('#chart-measures summary').click()
  await noViolations(page, 'the quarterly report with its charts\' tables open')
  await shoot(page, 'reports-quarterly')

  const docx = await download(page, /Download the report as a Word document/)
  await check('the DOCX is the report with its figures', () => {
    assert.equal(docx.name, 'quarterly-report-2026-Q4.docx')
    const text = zipPart(docx.file, 'word/document.xml').replace(/<[^>]+>/g, '')
    assert.match(text, /October to December 2026/)
    for (const measure of report.measures) assert.ok(text.includes(measure.current.percentageText), measure.id)
  })
  const pdf = await download(page, /Download the report as PDF/, 180000)
  await check('the PDF is a PDF, and both downloads are in the audit', () => {
    assert.equal(pdf.name, 'quarterly-report-2026-Q4.pdf')
    assert.equal(fs.readFileSync(pdf.file).subarray(0, 5).toString(), '%PDF-')
    const audit = users(office, 'audit', '--action', 'download')
    assert.match(audit, /download\s+report\s+2026-Q4\.docx/)
    assert.match(audit, /download\s+report\s+2026-Q4\.pdf/)
  })

  // 7. The chooser: any quarter; a year that is not one is an error.
  await page.locator('#year').fill('2026')
  await page.locator('#number').selectOption('3')
  await page.getByRole('button', { name: "Show this quarter's report" }).click()
  await page.waitForURL(/\/reports\/quarterly\/2026-Q3$/)
  await ready(page)
  await check('the chooser goes to July to September 2026', async () => {
    assert.equal(await page.locator('h1').textContent(), 'July to September 2026')
  })
  await page.locator('#year').fill('20x6')
  await page.getByRole('button', { name: "Show this quarter's report" }).click()
  await page.waitForURL(/\/reports\/quarterly\?year=20x6/)
  await ready(page)
  await check('a year that is not one is an error beside its field', async () => {
    assert.match(await page.locator('.govuk-error-summary').textContent(), /Enter the year as 4 digits/)
    assert.equal(await page.locator('#year-error').count(), 1)
  })
  await noViolations(page, 'the chooser with a wrong year')
  await shoot(page, 'reports-quarterly-error')

  const bare = await page.goto(url + 'reports/quarterly')
  await check('the chooser\'s address without an answer goes to Reports', () => assert.equal(new URL(bare.url()).pathname, '/reports'))

  // 8. The keyboard alone: Reports, the tracker, a sort.
  await page.goto(url + 'reports')
  await ready(page)
  await tabTo(page, { text: 'Open the decisions tracker' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/reports\/tracker$/)
  await ready(page)
  await tabTo(page, { text: 'Record due, sort smallest or earliest first' })
  await page.keyboard.press('Enter')
  await page.waitForURL(/sort=record-due&order=ascending/)
  await ready(page)
  await check('by keyboard: the tracker opened and sorted by Record due', async () => {
    const rows = (await tableOf(page, '#decisions-table')).rows
    assert.deepEqual(rows.map((row) => row[9]), ['15 Dec 2026', '15 Dec 2026', '22 Dec 2026', '22 Dec 2026', '22 Dec 2026'])
    assert.equal(await page.locator('#decisions-table th[aria-sort="ascending"]').textContent().then((t) => t.includes('Record due')), true)
  })

  // 9. Members read no report.
  const memberContext = await browser.newContext()
  const member = await memberContext.newPage()
  await accountSignedIn(office, member, url, {
    user: 'mo.member@council.example', role: 'member', name: 'Mo Member', password: 'long enough member words', extra: ['--panel', 'permanence']
  })
  await check('a member is refused every Reports address (403)', async () => {
    for (const address of ['reports', 'reports/tracker', 'reports/tracker.xlsx', 'reports/tracker.csv',
      'reports/tracker-actions.csv', 'reports/quarterly/2026-Q4', 'reports/quarterly/2026-Q4.docx']) {
      const answer = await member.request.get(url + address)
      assert.equal(answer.status(), 403, address)
    }
  })

  const unexpected = errors.filter((text) => !/^Failed to load resource: .* (400|403|404) /.test(text))
  await check('no script error or CSP refusal on any page', () => assert.deepEqual(unexpected, []))
} finally {
  await shutDown(browser, server)
}
passed()
