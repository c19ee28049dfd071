// The console's script, loaded as a module (the Content-Security-Policy allows no inline
// script): marks the page as one GOV.UK Frontend enhances, then starts its components. Every
// page works without it.
import { initAll } from '/assets/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
import './pack.mjs' // A sitting's pack: its build's live progress.
import './reorder.mjs' // A sitting's bookings: drag, or move with the keyboard, to reorder.
import './record.mjs' // Recording a sitting: each child's record saved on the server as it is typed.
