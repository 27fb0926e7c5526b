#!/usr/bin/env bash
# How long an older LandKit file takes to migrate on open (issue 13: the v5 rebuild of the feature tables),
# on real data: the parcels of a current database copied into a schema-4 file (as LandKit v4 wrote it),
# which `landkit info` then opens, copies to a backup and migrates to the current schema.
#
#   Scripts/bench-tools/migration_time.sh SOURCE.gpkg LANDKIT LANDKIT-TESTSUPPORT [WORKDIR]
#
# SOURCE.gpkg: a current LandKit database (e.g. .bench/heavy-run-1000000/lk.gpkg kept by bench-heavy --keep).
# Prints the parcel count, the file size and the wall time of the open (backup + migration). A measurement:
# run it on an idle machine.
set -euo pipefail
src="${1:?source database}"; landkit="${2:?landkit binary}"; testsupport="${3:?landkit-testsupport binary}"
work="${4:-$(mktemp -d)}"
mkdir -p "$work"
old="$work/v4.gpkg"
rm -f "$old" "$old"-* "$work"/v4.gpkg.backup*
crs="$(python3 -c 'import sqlite3,sys; print(sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True).execute("SELECT value FROM landkit_meta WHERE key = '"'storage_crs'"'").fetchone()[0])' "$src")"
"$testsupport" old-schema "$old" --up-to v4-event-chain --crs "$crs"
python3 - "$old" "$src" <<'PY'
import sqlite3, sys
old, src = sys.argv[1], sys.argv[2]
c = sqlite3.connect(old)
c.execute("ATTACH ? AS src", (src,))
cols = [r[1] for r in c.execute("PRAGMA main.table_info(parcels)")]
names = ", ".join(cols)
# GeoPackage's R-tree insert trigger calls ST_ functions that only GDAL and LandKit define: fill the index directly.
trigger = c.execute("SELECT sql FROM main.sqlite_master WHERE name = 'rtree_parcels_geom_insert'").fetchone()[0]
c.execute("DROP TRIGGER main.rtree_parcels_geom_insert")
c.execute(f"INSERT INTO main.parcels ({names}) SELECT {names} FROM src.parcels")
c.execute("INSERT INTO main.rtree_parcels_geom SELECT * FROM src.rtree_parcels_geom")
c.execute(trigger)
c.commit()
print("parcels", c.execute("SELECT count(*) FROM main.parcels").fetchone()[0])
PY
echo "file_mb $(( $(stat -c %s "$old") / 1000000 ))"
start=$(date +%s.%N)
"$landkit" info --db "$old" > "$work/info.out"
end=$(date +%s.%N)
echo "open_and_migrate_s $(python3 -c "print(f'{$end - $start:.2f}')")"
grep -i "schema" "$work/info.out" | head -2
ls "$work"
