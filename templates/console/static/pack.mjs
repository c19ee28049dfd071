// The pack's progress page, improved: instead of the "Check progress" button, the page asks
// the console how far the build has got every second and says so in its live region; when the
// build ends it loads the page again, which then shows how it ended. Works without it.
const box = document.querySelector('[data-pack-progress]')
if (box && box.dataset.packState === 'running') {
  const words = box.querySelector('#pack-progress')
  // The button and its note are for pages without JavaScript (GOV.UK's class: a button's own
  // display rule would win over the hidden attribute).
  for (const id of ['check-progress', 'check-progress-note']) {
    document.getElementById(id)?.classList.add('govuk-!-display-none')
  }
  const poll = async () => {
    try {
      const answer = await fetch(box.dataset.packProgress, { credentials: 'same-origin', cache: 'no-store' })
      if (answer.ok) {
        const progress = await answer.json()
        if (words.textContent !== progress.words) words.textContent = progress.words
        if (progress.state !== 'running') {
          window.location.reload()
          return
        }
      }
    } catch {
      // The server may be restarting: the next poll tries again.
    }
    setTimeout(poll, 1000)
  }
  setTimeout(poll, 1000)
}
