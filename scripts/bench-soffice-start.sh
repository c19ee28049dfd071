#!/usr/bin/env bash
# Why a headless soffice start cost about 4 s here (docs/performance.md, "The start of
# soffice"): LibreOffice 7.x runs its graphics render self-tests at every start whose profile
# lacks ooSetupLastVersion, which only the GUI records. This converts the same document with
# two kept profiles in turn, one as LibreOffice leaves it ("bare") and one seeded with the
# installed version as engine/pdf/profile_seed.cpp does ("seeded"), and prints the medians of
# wall, user and system seconds (/usr/bin/time) and the load before each run.
#   scripts/bench-soffice-start.sh DOCUMENT [RUNS=5]
set -euo pipefail
DOC=$(realpath "$1")
RUNS=${2:-5}
command -v soffice >/dev/null || { echo "LibreOffice (soffice) is not installed"; exit 1; }
WORK=$(mktemp -d /tmp/bench-soffice-start.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
MAIN_XCD=$(dirname "$(readlink -f "$(command -v soffice)")")/../share/registry/main.xcd
VERSION=$(/usr/bin/python3 - "$MAIN_XCD" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
print(re.search(r'<prop oor:name="ooSetupVersion">\s*<value>([0-9.]+)</value>', text).group(1))
PY
)
echo "== machine: $(nproc) CPU; $(soffice --version 2>/dev/null | head -1); ooSetupVersion $VERSION"

convert() {  # profile-folder
  rm -rf "$WORK/out" && mkdir "$WORK/out"
  soffice -env:UserInstallation="file://$1" --headless --norestore --nologo \
    --convert-to pdf --outdir "$WORK/out" "$DOC" >/dev/null 2>&1
  test -s "$WORK/out/$(basename "${DOC%.*}").pdf"
}

# Both profiles made by a first start, then the seed added to one of them.
convert "$WORK/bare"
convert "$WORK/seeded"
/usr/bin/python3 - "$WORK/seeded/user/registrymodifications.xcu" "$VERSION" <<'PY'
import sys
path, version = sys.argv[1:]
text = open(path).read()
item = ('<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" '
        'oor:op="fuse"><value>%s</value></prop></item>\n' % version)
open(path, "w").write(text.replace("</oor:items>", item + "</oor:items>"))
PY

for r in $(seq 1 "$RUNS"); do
  for mode in bare seeded; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" bash -c "$(declare -f convert); WORK=$WORK DOC='$DOC' convert $WORK/$mode"
    echo "$mode $load $(tail -1 "$WORK/time")" | tee -a "$WORK/runs"
  done
done
grep -c ooSetupLastVersion "$WORK/bare/user/registrymodifications.xcu" >/dev/null &&
  echo "!! the bare profile got ooSetupLastVersion by itself" || true

/usr/bin/python3 - "$WORK/runs" <<'PY'
import statistics, sys
by = {}
for line in open(sys.argv[1]):
    mode, load, wall, user, system = line.split()
    by.setdefault(mode, []).append((float(load), float(wall), float(user), float(system)))
print()
print("| soffice, one document | wall s (median) | user s | sys s | CPU s | load before |")
print("|---|---:|---:|---:|---:|---:|")
for mode in ("bare", "seeded"):
    runs = by[mode]
    cpu = [r[2] + r[3] for r in runs]
    print("| %s | %.2f | %.2f | %.2f | %.2f | %.1f–%.1f |" % (
        mode, statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs),
        statistics.median(r[3] for r in runs), statistics.median(cpu),
        min(r[0] for r in runs), max(r[0] for r in runs)))
PY
