// A child's record on the Record page, saved as it is typed: after a short pause in typing, when
// a field is left or changed, and when the page is closed, the form (with its CSRF token) is
// posted to its own address with "autosave", and the server's answer ("Saved at 10:42.") is said
// in the page's live region. The draft is on the server before the answer comes, so a closed tab
// or a dropped connection loses nothing. Without this script the Save button does the same.
const form = document.querySelector('form[data-record-autosave]')
const pause = 800 // milliseconds of no typing before a save

if (form) enhance(form)

function enhance (form) {
  const status = document.getElementById('record-saved')
  // The attribute, not form.action: the buttons named "action" shadow that property.
  const address = form.getAttribute('action')
  let timer = null
  let saving = false
  let again = false
  // What the server has: nothing is sent while the form says the same.
  let saved = fields().toString()

  function fields () {
    const data = new URLSearchParams(new FormData(form))
    data.set('autosave', '1')
    return data
  }

  function say (words) {
    if (status) status.textContent = words
  }

  async function save () {
    clearTimeout(timer)
    if (saving) {
      again = true // one more save once this one is answered, with what is typed then
      return
    }
    const data = fields()
    const text = data.toString()
    if (text === saved) return
    saving = true
    try {
      const response = await fetch(address, {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
        headers: { Accept: 'application/json' }
      })
      const answer = await response.json().catch(() => ({}))
      if (response.ok) {
        saved = text
        say(answer.words || 'Saved.')
      } else {
        say(answer.words || 'Not saved: the console refused it. Use the Save button to see why.')
      }
    } catch {
      say('Not saved: the console cannot be reached. What you typed is still here; it is saved when the connection is back.')
    } finally {
      saving = false
      if (again) {
        again = false
        save()
      }
    }
  }

  form.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(save, pause)
  })
  form.addEventListener('change', save)
  form.addEventListener('focusout', save)
  // Closing the tab: what was typed since the last save goes with the page (keepalive).
  window.addEventListener('pagehide', () => {
    const data = fields()
    if (data.toString() === saved) return
    fetch(address, { method: 'POST', body: data, credentials: 'same-origin', keepalive: true })
  })
}
