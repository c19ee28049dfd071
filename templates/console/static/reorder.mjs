// The Sitting page's bookings, improved: each case can be dragged to another place with the
// mouse (or a finger) by its Reorder button, or moved with the keyboard (Space picks it up, the
// arrow keys move it, Space drops it, Escape puts it back), each step said in a live region.
// A drop submits the page's own move form (the case, its new place, the bookings' version and
// the CSRF token), so the server, and its refusal of a page opened before another change, stays
// the only way the order changes. Without this script the Move up and Move down buttons do it.
const table = document.querySelector('#bookings-table[data-sitting-bookings]')
// The case whose handle has the focus again once the page comes back after a drop.
const focusKey = 'panelpack-reorder-focus'

if (table) enhance(table)

function enhance (table) {
  const body = table.tBodies[0]
  const rows = () => Array.from(body.rows).filter((row) => row.dataset.caseRef)
  // Every row has a move form (up, down or both) once there are two cases; one case has no order.
  if (rows().length < 2 || !rows().every((row) => moveFormOf(row))) return

  const status = document.createElement('div')
  status.id = 'reorder-status'
  status.className = 'govuk-visually-hidden'
  status.setAttribute('aria-live', 'assertive')
  status.setAttribute('aria-atomic', 'true')
  const instructions = document.createElement('p')
  instructions.id = 'reorder-instructions'
  instructions.className = 'govuk-hint'
  instructions.textContent = 'To change the order, drag a case by its Reorder button. With the ' +
    'keyboard: on the Reorder button press Space to pick the case up, the up and down arrow ' +
    'keys to move it, Space to put it there, or Escape to leave it where it was.'
  table.before(instructions, status)

  let grabbed = null // { row, handle, from, mode: 'keyboard' | 'pointer' }
  let pointer = null // a press on a handle that becomes a drag once it moves
  let ignoreClick = false // the click that ends a drag is not a keyboard pick-up
  let saving = false

  const caseOf = (row) => row.dataset.caseRef
  const placeOf = (row) => rows().indexOf(row) + 1
  const announce = (words) => { status.textContent = words }
  const renumber = () => {
    rows().forEach((row, index) => { row.querySelector('.console-reorder-place').textContent = String(index + 1) })
  }

  // Puts `row` at `index` (from 0) by moving the rows around it, never the row itself: a row
  // taken out of the page would lose the focus of its handle.
  const moveTo = (row, index) => {
    const list = rows()
    const current = list.indexOf(row)
    const target = Math.max(0, Math.min(index, list.length - 1))
    if (target === current) return false
    if (target > current) {
      for (let k = current + 1; k <= target; k++) body.insertBefore(list[k], row)
    } else {
      for (let k = current - 1; k >= target; k--) body.insertBefore(list[k], row.nextSibling)
    }
    renumber()
    return true
  }

  const pickUp = (row, handle, mode) => {
    grabbed = { row, handle, from: placeOf(row), mode }
    row.classList.add('console-reorder-row--grabbed')
    handle.setAttribute('aria-pressed', 'true')
    const where = `${caseOf(row)} picked up, at place ${grabbed.from} of ${rows().length}.`
    announce(mode === 'keyboard'
      ? `${where} Move it with the up and down arrow keys, press Space to put it there or Escape to leave it.`
      : where)
  }

  const letGo = () => {
    const held = grabbed
    grabbed = null
    held.row.classList.remove('console-reorder-row--grabbed')
    held.handle.setAttribute('aria-pressed', 'false')
    return held
  }

  const moved = (row, index) => {
    if (moveTo(row, index)) announce(`${caseOf(row)} moved to place ${placeOf(row)} of ${rows().length}`)
  }

  const drop = () => {
    const held = letGo()
    const to = placeOf(held.row)
    const count = rows().length
    if (to === held.from) {
      announce(`${caseOf(held.row)} put back at place ${to} of ${count}, where it was. Nothing changed.`)
      return
    }
    announce(`${caseOf(held.row)} dropped at place ${to} of ${count}. Saving the new order.`)
    submitMove(held.row, to)
  }

  const cancel = () => {
    const held = letGo()
    moveTo(held.row, held.from - 1)
    announce(`Reordering cancelled. ${caseOf(held.row)} is back at place ${held.from} of ${rows().length}.`)
  }

  // The same POST as the row's Move up or Move down button, with the place it was dropped at.
  const submitMove = (row, to) => {
    saving = true
    for (const handle of body.querySelectorAll('[data-reorder-handle]')) handle.setAttribute('aria-disabled', 'true')
    const source = moveFormOf(row)
    const form = document.createElement('form')
    form.method = 'post'
    form.action = source.action
    form.hidden = true
    for (const name of ['csrf_token', 'version', 'case_ref', 'to']) {
      const input = document.createElement('input')
      input.type = 'hidden'
      input.name = name
      input.value = name === 'to' ? String(to) : source.elements[name].value
      form.append(input)
    }
    document.body.append(form)
    try {
      sessionStorage.setItem(focusKey, caseOf(row))
    } catch {
      // Storage refused: the page comes back without the focus on the handle.
    }
    form.submit()
  }

  // The row of the dragged case follows the pointer: it passes a row once the pointer is past
  // that row's middle (a rule that never swaps back and forth between rows of unequal height).
  const follow = (y) => {
    if (!grabbed) return
    let index = 0
    for (const other of rows()) {
      if (other === grabbed.row) continue
      const box = other.getBoundingClientRect()
      if (y > box.top + box.height / 2) index++
    }
    moved(grabbed.row, index)
  }

  for (const row of rows()) {
    // The item number, the cell's first words, becomes a place that follows the row's moves.
    const cell = row.cells[0]
    const number = Array.from(cell.childNodes).find((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim())
    const place = document.createElement('span')
    place.className = 'console-reorder-place'
    place.textContent = number ? number.textContent.trim() : String(placeOf(row))
    const handle = document.createElement('button')
    handle.type = 'button'
    handle.id = `reorder-${caseOf(row)}`
    handle.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0 console-reorder-handle'
    handle.dataset.reorderHandle = ''
    handle.setAttribute('aria-pressed', 'false')
    handle.setAttribute('aria-describedby', instructions.id)
    const grip = document.createElement('span')
    grip.className = 'console-reorder-grip'
    grip.setAttribute('aria-hidden', 'true')
    grip.textContent = '\u2195'
    const hidden = document.createElement('span')
    hidden.className = 'govuk-visually-hidden'
    hidden.textContent = ` ${caseOf(row)}`
    handle.append(grip, 'Reorder', hidden)
    if (number) number.replaceWith(place)
    else cell.prepend(place)
    cell.append(' ', handle)

    // Space and Enter click a button: the first picks the case up, the second drops it.
    handle.addEventListener('click', () => {
      if (ignoreClick) {
        ignoreClick = false
        return
      }
      if (saving) return
      if (grabbed && grabbed.row === row) drop()
      else {
        if (grabbed) cancel()
        pickUp(row, handle, 'keyboard')
      }
    })
    handle.addEventListener('keydown', (event) => {
      if (!grabbed || grabbed.row !== row || saving) return
      const index = placeOf(row) - 1
      const moves = { ArrowUp: index - 1, ArrowDown: index + 1, Home: 0, End: rows().length - 1 }
      if (event.key in moves) {
        event.preventDefault()
        moved(row, moves[event.key])
      } else if (event.key === 'Escape') {
        event.preventDefault()
        // Escape during a mouse drag ends it too: the release that follows is not a click.
        if (pointer) {
          pointer = null
          ignoreClick = true
        }
        cancel()
      }
    })
    // Tabbing away leaves the case where it was.
    handle.addEventListener('blur', () => {
      if (grabbed && grabbed.row === row && grabbed.mode === 'keyboard' && !saving) cancel()
    })

    handle.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || saving || grabbed) return
      ignoreClick = false
      pointer = { id: event.pointerId, startY: event.clientY, dragging: false }
      handle.setPointerCapture(event.pointerId)
    })
    handle.addEventListener('pointermove', (event) => {
      if (!pointer || event.pointerId !== pointer.id) return
      if (!pointer.dragging) {
        // A press that stays put is a click (a keyboard-style pick-up), not a drag.
        if (Math.abs(event.clientY - pointer.startY) < 4) return
        pointer.dragging = true
        pickUp(row, handle, 'pointer')
      }
      event.preventDefault()
      // Near the window's top or bottom edge the page scrolls, so a long agenda can be crossed.
      const edge = 48
      if (event.clientY < edge) window.scrollBy(0, -edge / 2)
      else if (event.clientY > window.innerHeight - edge) window.scrollBy(0, edge / 2)
      follow(event.clientY)
    })
    handle.addEventListener('pointerup', (event) => {
      if (!pointer || event.pointerId !== pointer.id) return
      const dragged = pointer.dragging
      pointer = null
      if (!dragged) return
      ignoreClick = true
      drop()
    })
    const abandon = (event) => {
      if (!pointer || event.pointerId !== pointer.id) return
      const dragged = pointer.dragging
      pointer = null
      if (dragged && grabbed) cancel()
    }
    handle.addEventListener('pointercancel', abandon)
    handle.addEventListener('lostpointercapture', abandon)
  }

  focusAfterDrop()
}

function moveFormOf (row) {
  return row.querySelector('form[action$="/move"]')
}

// Back from a drop that was saved: the moved case's handle has the focus, as before the drop,
// and the live region says where the case is now.
function focusAfterDrop () {
  let wanted = null
  try {
    wanted = sessionStorage.getItem(focusKey)
    sessionStorage.removeItem(focusKey)
  } catch {
    return
  }
  const query = new URLSearchParams(window.location.search)
  if (!wanted || query.get('done') !== 'moved' || query.get('case') !== wanted) return
  const handle = document.getElementById(`reorder-${wanted}`)
  if (!handle) return
  // After GOV.UK Frontend's components start (the success banner takes the focus as it does).
  setTimeout(() => {
    handle.focus()
    const row = handle.closest('tr')
    const rows = Array.from(row.parentElement.rows).filter((r) => r.dataset.caseRef)
    document.getElementById('reorder-status').textContent =
      `${wanted} is now at place ${rows.indexOf(row) + 1} of ${rows.length}.`
  }, 0)
}
