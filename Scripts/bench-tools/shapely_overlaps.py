#!/usr/bin/env python3
"""Shapely 2 baseline for LandKit's overlap computation (used by Scripts/bench).

Reads parcels and zones from a LandKit GeoPackage (plain sqlite3; the GeoPackageBinary header is
stripped: 8 bytes + the envelope given by flag bits 1-3, then WKB for shapely.from_wkb) and
computes, per project, the planar area of parcel ∩ (union of the project's zones):

- STRtree of all parcels, queried with the project's red line (its zones dissolved);
- prepared red line: parcels it contains properly count with their whole area;
- the rest: area of the intersection; a parcel's total under 0.01 m² counts as zero (as in LandKit).

Centerline zones are already stored buffered as polygons in table `zones`, so all zones are polygons.

Prints one JSON object: read_s, compute_s, total_s (since interpreter start, imports included),
parcels, projects, rows, wholly_inside, intersecting (STRtree hits of the red lines), and per project
planar_m2, parcels (= rows: parcels with a planar total of at least 0.01 m²), wholly_inside, intersecting.
"""
import json
import sqlite3
import sys
import time

START = time.perf_counter()

import numpy as np  # noqa: E402
import shapely  # noqa: E402

ZERO_M2 = 0.01
ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}


def wkb_of(blob):
    """The WKB inside a GeoPackageBinary blob."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = blob[3]
    envelope = (flags >> 1) & 0x07
    if envelope not in ENVELOPE_DOUBLES:
        raise ValueError(f"bad envelope indicator {envelope}")
    return blob[8 + 8 * ENVELOPE_DOUBLES[envelope]:]


def read(db_path):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT id, geom FROM parcels ORDER BY fid").fetchall()
        ids = [r[0] for r in rows]
        parcels = shapely.from_wkb([wkb_of(r[1]) for r in rows])
        del rows
        projects = [r[0] for r in con.execute("SELECT id FROM projects ORDER BY fid")]
        zones = {p: [] for p in projects}
        for project, blob in con.execute("SELECT project_id, geom FROM zones ORDER BY fid"):
            zones.setdefault(project, []).append(shapely.from_wkb(wkb_of(blob)))
    finally:
        con.close()
    return ids, parcels, projects, zones


def compute(parcels, projects, zones):
    tree = shapely.STRtree(parcels)
    areas = shapely.area(parcels)
    totals = {}
    for project in projects:
        zs = zones.get(project) or []
        if not zs:
            totals[project] = {"parcels": 0, "planar_m2": 0.0, "rows": 0, "wholly_inside": 0, "intersecting": 0}
            continue
        red = shapely.union_all(shapely.make_valid(np.array(zs, dtype=object)))
        shapely.prepare(red)
        hits = tree.query(red, predicate="intersects")
        inside = shapely.contains_properly(red, parcels[hits])
        whole = areas[hits[inside]]
        rest = hits[~inside]
        cut = shapely.area(shapely.intersection(parcels[rest], red)) if len(rest) else np.zeros(0)
        pieces = np.concatenate([whole, cut])
        kept = pieces[pieces >= ZERO_M2]
        totals[project] = {"parcels": int(len(kept)), "planar_m2": float(kept.sum()),
                           # the same count under the name the heavy bench uses, and its parts
                           "rows": int(len(kept)), "wholly_inside": int((whole >= ZERO_M2).sum()),
                           "intersecting": int(len(hits))}
    return totals


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: shapely_overlaps.py DB.gpkg")
    t0 = time.perf_counter()
    ids, parcels, projects, zones = read(sys.argv[1])
    t1 = time.perf_counter()
    totals = compute(parcels, projects, zones)
    t2 = time.perf_counter()
    print(json.dumps({
        "read_s": t1 - t0,
        "compute_s": t2 - t1,
        "total_s": t2 - START,
        "parcels": len(ids),
        "projects": len(projects),
        "shapely": shapely.__version__,
        "geos": ".".join(map(str, shapely.geos_version)),
        "total_planar_m2": sum(t["planar_m2"] for t in totals.values()),
        "rows": sum(t["rows"] for t in totals.values()),
        "wholly_inside": sum(t["wholly_inside"] for t in totals.values()),
        "intersecting": sum(t["intersecting"] for t in totals.values()),
        "per_project": totals,
    }))


if __name__ == "__main__":
    main()
