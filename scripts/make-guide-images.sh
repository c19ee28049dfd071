#!/usr/bin/env bash
# Regenerates the pictures of docs/template-guide.md in docs/images/template-guide/.
#
#   scripts/make-guide-images.sh [CASE.json] [DECISION.json]
#
# It fills templates/referral.docx with a sample case (default: Leah, LCS900102) and
# templates/decision-record.docx with a sample decision (default: the test fixture
# LCS900001-2026-03-10), turns the templates and the filled documents into PDF with
# LibreOffice, and cuts PNG pictures out of the pages with pdftoppm. Pages and crops are found
# from the section headings (pdftotext), so a change of wording in a cell does not need new
# numbers here; a renamed heading does.
#
# Needs: a built panelpack (build/cli/panelpack, or PANELPACK=...), soffice, pdftoppm and
# pdftotext (poppler-utils); for the checker's pictures (scripts/make-check-images.mjs) node,
# console/node_modules (scripts/install-frontend.sh) and /usr/bin/chromium. All data used is
# fictional.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CASE=${1:-$ROOT/samples/office/cases/LCS900102.json}
DECISION=${2:-$ROOT/tests/fixtures/decisions/LCS900001-2026-03-10.json}
PANELPACK=${PANELPACK:-$ROOT/build/cli/panelpack}
OUT=$ROOT/docs/images/template-guide
PAGE_RES=60   # whole pages
CROP_RES=80   # cut-outs

for tool in soffice pdftoppm pdftotext pdfinfo node; do
    command -v "$tool" >/dev/null || { echo "make-guide-images: $tool is not installed" >&2; exit 3; }
done
[ -x "$PANELPACK" ] || { echo "make-guide-images: no $PANELPACK; build it first" >&2; exit 3; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT" "$WORK/pdf"

# --- fill the templates and turn everything into PDF -----------------------------------------
cp "$ROOT/templates/referral.docx" "$WORK/referral-typed.docx"
cp "$ROOT/templates/decision-record.docx" "$WORK/decision-typed.docx"
"$PANELPACK" render "$ROOT/templates/referral.docx" "$CASE" -o "$WORK/referral-filled.docx" >/dev/null
"$PANELPACK" render "$ROOT/templates/decision-record.docx" "$DECISION" \
    -o "$WORK/decision-filled.docx" >/dev/null
# A private LibreOffice profile, so an open LibreOffice window does not get in the way.
soffice --headless "-env:UserInstallation=file://$WORK/lo-profile" --convert-to pdf \
    --outdir "$WORK/pdf" "$WORK"/*.docx >/dev/null 2>&1
for f in referral-typed referral-filled decision-typed decision-filled; do
    [ -s "$WORK/pdf/$f.pdf" ] || { echo "make-guide-images: LibreOffice did not convert $f" >&2; exit 3; }
done

# --- finding things on a page ----------------------------------------------------------------
# lines PDF PAGE: one line of text a line, as "TOP BOTTOM TEXT" (points from the page's top).
lines() {
    pdftotext -bbox-layout -f "$2" -l "$2" "$1" - | awk '
        /<line / { match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7)
                   match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7)
                   t = ""; next }
        /<word / { w = $0; sub(/^[^>]*>/, "", w); sub(/<\/word>.*$/, "", w)
                   t = t (t == "" ? "" : " ") w; next }
        /<\/line>/ { print y0, y1, t }'
}
# page_of PDF TEXT: the first page with a line starting with TEXT.
page_of() {
    local n p
    n=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
    for ((p = 1; p <= n; p++)); do
        if [ -n "$(y_of "$1" "$p" "$2" top)" ]; then echo "$p"; return; fi
    done
    echo "make-guide-images: '$2' not found in $1" >&2; exit 1
}
# y_of PDF PAGE TEXT top|bottom: where the first line starting with TEXT is, or nothing.
y_of() {
    lines "$1" "$2" | awk -v t="$3" -v which="$4" '{
        y0 = $1; y1 = $2; s = $0; sub(/^[^ ]+ [^ ]+ /, "", s)
        if (index(s, t) == 1) { print (which == "top" ? y0 : y1); exit } }'
}
# footer_top PDF PAGE: the top of the page footer ("Permanence Panel — … · Page N of M").
footer_top() {
    lines "$1" "$2" | awk '/ · Page [0-9]+ of [0-9]+$/ { print $1; exit }'
}
# header_bottom PDF PAGE: the bottom of the page header (the line with "Child ID").
header_bottom() {
    lines "$1" "$2" | awk '/ · Child ID / { print $2; exit }'
}
# crop PDF PAGE TOP BOTTOM NAME: the strip of the page between TOP and BOTTOM (points), full
# text width, as NAME.png.
crop() {
    local x y w h
    read -r x y w h < <(awk -v top="$3" -v bot="$4" -v r="$CROP_RES" 'BEGIN {
        k = r / 72; printf "%d %d %d %d\n", 46 * k, (top - 6) * k, (552 - 46) * k, (bot - top + 8) * k }')
    pdftoppm -png -r "$CROP_RES" -f "$2" -l "$2" -x "$x" -y "$y" -W "$w" -H "$h" -singlefile \
        "$1" "$OUT/$5"
}
# section PDF HEADING NEXT NAME: the section from HEADING to NEXT heading (or to the foot of
# the page if NEXT is on a later page). When the section runs on to the next page, that part
# is NAME-continued.png.
section() {
    local pdf=$1 heading=$2 next=$3 name=$4 p top bot
    p=$(page_of "$pdf" "$heading")
    top=$(y_of "$pdf" "$p" "$heading" top)
    bot=$(y_of "$pdf" "$p" "$next" top)
    rm -f "$OUT/$name-continued.png"
    if [ -n "$bot" ]; then
        crop "$pdf" "$p" "$top" "$((${bot%.*} - 10))" "$name"
    else
        crop "$pdf" "$p" "$top" "$(footer_top "$pdf" "$p" | awk '{ print $1 - 12 }')" "$name"
        p=$((p + 1))
        top=$(header_bottom "$pdf" "$p" | awk '{ print $1 + 14 }')
        bot=$(y_of "$pdf" "$p" "$next" top)
        [ -n "$bot" ] || bot=$(footer_top "$pdf" "$p")
        # Only when some of the section is on the next page (any text above the next heading).
        if lines "$pdf" "$p" | awk -v top="$top" -v bot="$bot" \
                '$1 > top && $1 < bot - 1 && NF > 2 { found = 1 } END { exit !found }'; then
            crop "$pdf" "$p" "$top" "$((${bot%.*} - 10))" "$name-continued"
        fi
    fi
}

# --- the pictures ----------------------------------------------------------------------------
R_T=$WORK/pdf/referral-typed.pdf
R_F=$WORK/pdf/referral-filled.pdf
D_T=$WORK/pdf/decision-typed.pdf
D_F=$WORK/pdf/decision-filled.pdf

# (1) and (2): the first page of the referral, as typed and as filled in.
pdftoppm -png -r "$PAGE_RES" -f 1 -l 1 -singlefile "$R_T" "$OUT/referral-page1-typed"
pdftoppm -png -r "$PAGE_RES" -f 1 -l 1 -singlefile "$R_F" "$OUT/referral-page1-filled"
# (3) the chronology: a list that repeats a table row.
section "$R_T" "12. Chronology" "13. Outstanding actions" chronology-typed
section "$R_F" "12. Chronology" "13. Outstanding actions" chronology-filled
# (4) the actions of the decision record.
section "$D_T" "6. Actions" "7. Agency decision maker" actions-typed
section "$D_F" "6. Actions" "7. Agency decision maker" actions-filled
# lists in paragraphs (bulleted lines) and a short table list, from the decision record.
section "$D_T" "Presented by" "4. Decision" paragraph-lists-typed
section "$D_F" "Presented by" "4. Decision" paragraph-lists-filled

# (5) the checker's messages: a terminal and the console's template page, drawn in Chromium.
PANELPACK_BIN=$PANELPACK PANELPACK_SOURCE_DIR=$ROOT PANELPACK_ARTEFACTS=$WORK/artefacts \
    node "$ROOT/scripts/make-check-images.mjs" "$OUT" >/dev/null

ls -l "$OUT"
du -ch "$OUT"/*.png | tail -1
