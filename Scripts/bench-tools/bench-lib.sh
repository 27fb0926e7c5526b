# Shared by Scripts/bench and Scripts/bench-heavy (sourced; not run). The caller sets `bench_name`
# before sourcing, and `run` (work folder) and `results` (TSV) before calling timed / put / get.

sys_py="$(command -v python3)"
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo -n"

log() { printf '%s %s: %s\n' "$(date -u +%H:%M:%S)" "$bench_name" "$*" >&2; }

# bench_setup: the system packages (bootstrap) and GNU time.
bench_setup() {
  Scripts/bootstrap
  if [ ! -x /usr/bin/time ]; then
    log "installing GNU time"
    $sudo_cmd apt-get install -y -qq --no-install-recommends time >/dev/null
  fi
}

# build_release PRODUCT...: swift build -c release, retried (an editor saving a source file
# mid-build makes swift build fail with "modified during the build"). Sets `bin` and `built_from`.
build_release() {
  local product attempt
  log "building release"
  for product in "$@"; do
    for attempt in 1 2 3; do
      swift build -c release --product "$product" >&2 && break
      log "swift build --product $product failed (attempt $attempt)"; sleep 5
      [ "$attempt" -eq 3 ] && exit 1
    done
  done
  built_from="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo '+uncommitted')"
  bin="$(swift build -c release --show-bin-path)"
}

# shapely_venv DIR: a venv with shapely >= 2 and numpy (created once); sets `py`.
shapely_venv() {
  py="$1/bin/python"
  if [ ! -x "$py" ] || ! "$py" -c 'import shapely, numpy, sys; sys.exit(0 if int(shapely.__version__.split(".")[0]) >= 2 else 1)' 2>/dev/null; then
    log "creating $1 (shapely>=2, numpy)"
    python3 -m venv "$1"
    "$1/bin/pip" install -q --disable-pip-version-check 'shapely>=2' numpy >&2
  fi
}

# timed NAME CMD...: runs CMD with GNU time; stdout to run/NAME.out, stderr to run/NAME.err.
# Sets T_WALL (seconds, ns clock) and T_RSS (peak resident set, KiB). Fails the bench on error.
timed() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s%N)
  if ! /usr/bin/time -f "%e %M" -o "$run/$name.time" "$@" >"$run/$name.out" 2>"$run/$name.err"; then
    echo "$bench_name: '$*' failed; see $run/$name.err:" >&2
    tail -5 "$run/$name.err" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  T_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  T_RSS=$(awk 'END { print $2 }' "$run/$name.time")
}

# put KEY VALUE: records one result for the current size; get KEY [FILE]: reads it back.
put() { printf '%s\t%s\n' "$1" "$2" >> "$results"; }
get() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "${2:-$results}"; }
# json FILE EXPR: EXPR evaluated on the JSON in FILE (as `d`).
json() { "$sys_py" -c "import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {'d': d}))" "$@"; }

# run_commands DIR FILE DB LANDKIT: runs each line of FILE (landkit arguments, shell-quoted) in DIR
# against DB (projects and zones).
run_commands() {
  local dir="$1" file="$2" db="$3" lk="$4" line
  (cd "$dir" && while IFS= read -r line; do
     eval "set -- $line"
     "$lk" "$@" --db "$db" >/dev/null
   done < "$file")
}

# status_moves ITEMS_CSV DIR: from `overlaps --format csv`, DIR/status.csv (10,000 valid forward
# moves: every item but 20 to surveyed, then to inventoried, …), DIR/singles.txt (the 20 held back
# for single `status set` runs, spread over the items: id TAB project) and DIR/status-counts.txt
# (rows TAB distinct items).
status_moves() {
  "$sys_py" - "$1" "$2" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")) if r["entity"] == "parcel" and r["out_of_zone"] == "false"]
rows.sort(key=lambda r: (r["project"], r["id"]))
singles = rows[:: max(1, len(rows) // 20)][:20]
keys = {(r["project"], r["id"]) for r in singles}
pool = [r for r in rows if (r["project"], r["id"]) not in keys]
bulk = []
for stage in ["surveyed", "inventoried", "agreed", "compensated", "cleared", "handed-over"]:
    for r in pool:
        if len(bulk) == 10000: break
        bulk.append((r, stage))
with open(sys.argv[2] + "/status.csv", "w", encoding="utf-8", newline="") as f:
    f.write("entity,id,project,action,stage,reason,note,by,at\n")
    for r, stage in bulk: f.write(f"parcel,{r['id']},{r['project']},set,{stage},,,bench,\n")
with open(sys.argv[2] + "/singles.txt", "w", encoding="utf-8") as f:
    for r in singles: f.write(f"{r['id']}\t{r['project']}\n")
open(sys.argv[2] + "/status-counts.txt", "w").write(f"{len(bulk)}\t{len(pool)}\n")
PY
}

# replace_section FILE START END TEXT_FILE: puts TEXT_FILE's content between the markers START…END
# of FILE (the markers included in TEXT_FILE), or appends it when the markers are missing.
replace_section() {
  "$sys_py" - "$@" <<'PY'
import os, sys
md, start, end, new = sys.argv[1], sys.argv[2], sys.argv[3], open(sys.argv[4], encoding="utf-8").read().rstrip("\n")
text = open(md, encoding="utf-8").read() if os.path.exists(md) else "# LandKit benchmarks\n"
if start in text and end in text:
    a = text.index(start); b = text.index(end) + len(end)
    text = text[:a] + new + text[b:]
else:
    text = text.rstrip("\n") + "\n\n" + new + "\n"
open(md, "w", encoding="utf-8").write(text)
PY
}
