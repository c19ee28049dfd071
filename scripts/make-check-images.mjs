// The template guide's pictures of the checker's messages (docs/template-guide.md, sections 13
// and 15): `panelpack check --schema case` on a broken copy of the referral, drawn as a
// terminal in Chromium, and the console's template page refusing a broken copy.
//
//   PANELPACK_BIN=build/cli/panelpack PANELPACK_SOURCE_DIR=. PANELPACK_ARTEFACTS=/tmp/x \
//     node scripts/make-check-images.mjs OUT_FOLDER
//
// scripts/make-guide-images.sh runs it. The broken copies are made with
// tests/templates/word_edits.py, the way Word stores a retyped tag: {{child.name}} misspelt once,
// a filter misspelt in 30 paragraphs (5 for the console, so its page stays short) and
// {{caseRef}} misspelt in the header, so the pictures show a table cell, a header, a grouped
// repeat and a fix. It needs
// console/node_modules (scripts/install-frontend.sh) and /usr/bin/chromium. All data is
// fictional: a copy of samples/office.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  accountSignedIn, binary, launchChromium, ready, sampleOffice, shutDown, source, startServer
} from '../tests/console/console_harness.mjs'

const out = process.argv[2]
assert.ok(out, 'usage: node scripts/make-check-images.mjs OUT_FOLDER')
fs.mkdirSync(out, { recursive: true })
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'panelpack-check-images-'))

const kBroken = `
import sys
sys.path.insert(0, sys.argv[1])
from word_edits import Package
package = Package.load(sys.argv[2])
package.mistype('{{child.dob | date | default:"Not recorded"}}', '{{child.dob | dat}}')
for _ in range(int(sys.argv[4]) - 1):
    package.add_paragraph_after('{{child.childId}}', 'Born: {{child.dob | dat}}')
package.mistype('{{child.name}}', '{{child.nmae}}')
package.mistype('{{caseRef}}', '{{caseRf}}', part=package.header_part())
package.save(sys.argv[3])
`
function brokenReferral (name, repeats) {
  const file = path.join(work, name)
  const run = spawnSync('/usr/bin/python3', ['-c', kBroken, path.join(source, 'tests', 'templates'),
    path.join(source, 'templates', 'referral.docx'), file, String(repeats)])
  assert.equal(run.status, 0, run.stderr.toString())
  return file
}

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

// The terminal: the command, then its output down to the first tags of the list.
async function terminalPicture (browser) {
  brokenReferral('my-referral.docx', 30)
  const command = ['check', '--schema', 'case', 'my-referral.docx']
  const run = spawnSync(binary, command, { cwd: work })
  assert.equal(run.status, 1, run.stderr.toString())
  const lines = run.stdout.toString().split('\n')
  const tags = lines.findIndex((line) => / \d+ tags$/.test(line))
  assert.ok(tags > 0, run.stdout.toString())
  const shown = ['$ panelpack ' + command.join(' '), ...lines.slice(0, tags + 3), '  …']
  const page = await browser.newPage({ viewport: { width: 1000, height: 400 } })
  await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">
    <pre id="terminal" style="display:inline-block;margin:0;padding:16px 20px;background:#1e1e1e;
      color:#e8e8e8;font:14px/1.4 'DejaVu Sans Mono',monospace;white-space:pre">${escapeHtml(shown.join('\n'))}</pre>
    </body></html>`)
  await page.locator('#terminal').screenshot({ path: path.join(out, 'check-terminal.png') })
  await page.close()
}

// The console: the template page after a refused upload, from the error summary to the last
// mistake.
async function consolePicture (browser) {
  const broken = brokenReferral('my-referral-console.docx', 5)
  const office = sampleOffice('panelpack-check-images-')
  const server = await startServer(office)
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await accountSignedIn(office, page, server.url, {
      user: 'tam.templates@council.example', role: 'administrator', name: 'Tam Templates', password: 'nine brass lanterns hum'
    })
    await page.goto(server.url + 'templates/referral')
    await ready(page)
    await page.locator('#template-file').setInputFiles(broken)
    await page.getByRole('button', { name: 'Check and install' }).click()
    await ready(page)
    const top = await page.locator('.govuk-error-summary').boundingBox()
    const bottom = await page.locator('[id^=mistake-]').last().boundingBox()
    assert.ok(top && bottom, 'the page shows no mistakes')
    await page.screenshot({
      path: path.join(out, 'console-template-mistakes.png'),
      fullPage: true,
      clip: { x: top.x - 20, y: top.y - 8, width: 720, height: bottom.y + bottom.height - top.y + 28 }
    })
    await context.close()
  } finally {
    server.child.kill('SIGTERM')
    await server.exited
    fs.rmSync(office, { recursive: true, force: true })
  }
}

const browser = await launchChromium()
try {
  await terminalPicture(browser)
  await consolePicture(browser)
} finally {
  await browser.close()
  fs.rmSync(work, { recursive: true, force: true })
}
console.log(`wrote ${path.join(out, 'check-terminal.png')} and ${path.join(out, 'console-template-mistakes.png')}`)
