#!/usr/bin/env python3
"""Generator of the heavy overlap workload of issue 18 (used by Scripts/bench-heavy).

    heavy_workload.py --parcels N --out DIR [--seed S] [--corridors proportional|capped]

Writes, deterministically for a given N and seed (Python 3 standard library only, constant memory:
it streams the parcels one grid row at a time, so 10M parcels (~2.5 GB) need a few MB):

- DIR/parcels.geojson: a FeatureCollection with the legacy member
  "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4544"}}, one feature per
  line. N parcels of ~1000 m² on a jittered grid: quadrilaterals whose shared corners are jittered
  (rounded to the centimetre *before* the rings are built, so neighbours share exactly the same
  vertices and the parcels tile the study area without gaps or overlaps). The grid has
  round(sqrt(N)) columns and as many rows as needed (the last, southernmost row may be partial);
  the cell is sqrt(1000) m, so the study area grows with N (31.6 km × 31.6 km at 1M, 10 km at 100k,
  100 km at 10M), centred on easting 460000, northing 3360000 (EPSG:4544, CGCS2000 3-degree
  Gauss-Kruger CM 105E, eastings without zone prefix). Properties: "id" ("P0000001", numbered
  from the north-west corner, west to east then north to south), "village", "land_class".
- DIR/zones/*.geojson: the five corridors of issue 18 (each a FeatureCollection with the same "crs"
  member, one feature with an "id" property): a 60 m avenue and an 80 m avenue of 10 km (centerlines),
  a 7.8 km² rail area polygon with a hole, a 42.7 km² airport clearance zone, a 25 km diagonal power
  line corridor 30 m wide (centerline).
- DIR/projects.json: the five projects (one per corridor) in the schema of geodata/projects.json
  ({"crs", "projects": [{"id", "name", "kind", "zones": [{"id", "name", "centerline", "width_m"} |
  {"id", "name", "polygon"}]}]}), file names relative to DIR.
- DIR/projects.cmds: the same as `landkit` argument lists (shell-quoted, one command per line, run
  from DIR): `project add …` and `zone add …`.
- DIR/manifest.json: N, seed, grid, extent, corridor scale and the corridors' nominal sizes.

Corridor sizes. At N = 1,000,000 the corridors have exactly the issue's sizes. Their lengths and the
linear size of the two polygons scale with the side of the study area, k = sqrt(N / 1M), widths stay
(60, 80, 30 m): the workload is self-similar, every corridor stays inside the parcels whatever N is,
and the polygons hold the same share of the parcels (~5 %). With `--corridors capped` k = min(1, …):
above 1M the corridors keep the 1M sizes (a fixed workload in a bigger store). The heavy workload
proper is N = 1M; at 100k (k = 0.316) it is the same layout scaled down (3.2 km avenues, 4.27 km²
airport zone); below ~10k the corridors get shorter than a few parcels and the workload means little.
"""
import argparse
import json
import math
import os
import random
import shlex
import sys

CELL = math.sqrt(1000.0)   # m: one parcel's nominal side
CENTRE = (460000.0, 3360000.0)
JITTER = 0.2               # of CELL, each axis, for interior corners
CRS_MEMBER = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4544"}}
VILLAGES = ["西峰村", "棉丰村", "新店村", "高屋村", "阳安村", "石桥村", "红塔村", "白果村", "双堰村", "桂花村"]
LAND_CLASSES = ["0101", "0103", "0201", "0301", "0702", "1003", "1104", "1107"]


def grid(n):
    cols = max(1, round(math.sqrt(n)))
    rows = -(-n // cols)
    return cols, rows


def corner_row(seed, r, cols, rows, x0, ytop):
    """Formatted "[x,y]" strings of grid corner row r (0 = north edge), cols + 1 corners. Corners on
    the outer edge of the grid move only along that edge (the edge stays straight)."""
    rnd = random.Random(seed * 1_000_003 + r)
    y_base = ytop - r * CELL
    out = []
    j = JITTER * CELL
    edge_row = r == 0 or r == rows
    for c in range(cols + 1):
        dx = rnd.uniform(-j, j)
        dy = rnd.uniform(-j, j)
        if c == 0 or c == cols: dx = 0.0
        if edge_row: dy = 0.0
        x = round(x0 + c * CELL + dx, 2)
        y = round(y_base + dy, 2)
        out.append(f"[{x:.2f},{y:.2f}]".replace(".00,", ",").replace(".00]", "]"))
    return out


def write_parcels(path, n, seed):
    cols, rows = grid(n)
    width = max(7, len(str(n)))
    x0 = CENTRE[0] - cols * CELL / 2
    ytop = CENTRE[1] + rows * CELL / 2
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        f.write('{"type":"FeatureCollection","name":"parcels","crs":' + json.dumps(CRS_MEMBER, separators=(",", ":")) + ',"features":[\n')
        north = corner_row(seed, 0, cols, rows, x0, ytop)
        k = 0
        # Property pools, deterministic per row.
        props = [f'"village":"{v}","land_class":"{lc}"' for v in VILLAGES for lc in LAND_CLASSES]
        for r in range(rows):
            south = corner_row(seed, r + 1, cols, rows, x0, ytop)
            rnd = random.Random(seed * 7_919 + r)
            last = min(cols, n - k)
            lines = []
            for c in range(last):
                k += 1
                sw, se, ne, nw = south[c], south[c + 1], north[c + 1], north[c]
                # Exterior ring counter-clockwise (RFC 7946).
                lines.append(f'{{"type":"Feature","properties":{{"id":"P{k:0{width}d}",{props[rnd.randrange(len(props))]}}},'
                             f'"geometry":{{"type":"Polygon","coordinates":[[{sw},{se},{ne},{nw},{sw}]]}}}}')
            f.write((",\n" if r else "") + ",\n".join(lines))
            north = south
        f.write("\n]}\n")
    return cols, rows, x0, ytop


# ---- Corridors -------------------------------------------------------------------------------------
def ring_area(ring):
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        s += x1 * y2 - x2 * y1
    return s / 2


def scaled_to(ring, holes, area):
    """Scales ring (and holes) about the outer ring's first vertex's bbox centre to the given area."""
    a = abs(ring_area(ring)) - sum(abs(ring_area(h)) for h in holes)
    s = math.sqrt(area / a)
    cx = (min(p[0] for p in ring) + max(p[0] for p in ring)) / 2
    cy = (min(p[1] for p in ring) + max(p[1] for p in ring)) / 2
    f = lambda rg: [(cx + (x - cx) * s, cy + (y - cy) * s) for x, y in rg]
    return f(ring), [f(h) for h in holes]


def polyline_scaled_to(points, length):
    """Scales a polyline about its midpoint (bbox centre) to the given length."""
    total = sum(math.dist(a, b) for a, b in zip(points, points[1:]))
    s = length / total
    cx = (min(p[0] for p in points) + max(p[0] for p in points)) / 2
    cy = (min(p[1] for p in points) + max(p[1] for p in points)) / 2
    return [(cx + (x - cx) * s, cy + (y - cy) * s) for x, y in points]


def corridors(k):
    """The five corridors in metres, relative to the study area's centre, for scale k (1 at 1M)."""
    L = 1000.0 * math.sqrt(1000.0) * k   # side of the study area at N = k² × 1M
    def at(u, v):                        # (u, v) in [0, 1]² of the study area -> offset from the centre
        return ((u - 0.5) * L, (v - 0.5) * L)
    out = []
    # 1. 60 m avenue, 10 km, west-east with a gentle bend, crossing the power line.
    line = polyline_scaled_to([at(0.33, 0.40), at(0.50, 0.43), at(0.66, 0.42)], 10000.0 * k)
    out.append(dict(project="heavy-ave-60", name="重载基准 60米大道", kind="road", zone="heavy-ave-60-main",
                    zone_name="60米大道红线", centerline=line, width=60))
    # 2. 80 m avenue, 10 km, south-north, slightly tilted.
    line = polyline_scaled_to([at(0.55, 0.56), at(0.57, 0.72), at(0.60, 0.88)], 10000.0 * k)
    out.append(dict(project="heavy-ave-80", name="重载基准 80米大道", kind="road", zone="heavy-ave-80-main",
                    zone_name="80米大道红线", centerline=line, width=80))
    # 3. Rail area 7.8 km² with a hole (a hamlet kept), south-east.
    outer = [at(0.66, 0.20), at(0.84, 0.22), at(0.85, 0.28), at(0.67, 0.27)]
    hole = [at(0.74, 0.225), at(0.74, 0.25), at(0.77, 0.25), at(0.77, 0.225)]   # clockwise
    outer, holes = scaled_to(outer, [hole], 7.8e6 * k * k)
    out.append(dict(project="heavy-rail", name="重载基准 铁路用地", kind="rail-area", zone="heavy-rail-area",
                    zone_name="铁路用地范围（保留林盘）", polygon=[outer] + holes))
    # 4. Airport clearance zone 42.7 km², north-west, a pentagon.
    outer = [at(0.13, 0.64), at(0.34, 0.63), at(0.36, 0.80), at(0.27, 0.87), at(0.12, 0.84)]
    outer, _ = scaled_to(outer, [], 42.7e6 * k * k)
    out.append(dict(project="heavy-airport", name="重载基准 机场净空区", kind="clearance-zone", zone="heavy-airport-zone",
                    zone_name="机场净空区处置范围", polygon=[outer]))
    # 5. Power line corridor, 25 km × 30 m, diagonal south-west to north-east (40°).
    a = math.radians(40)
    h = 12500.0 * k
    line = [(-h * math.cos(a), -h * math.sin(a)), (h * math.cos(a), h * math.sin(a))]
    out.append(dict(project="heavy-power", name="重载基准 电力线路迁改", kind="utility-relocation", zone="heavy-power-corridor",
                    zone_name="电力线路迁改走廊", centerline=line, width=30))
    return out


def fc(feature_id, props, geometry):
    return {"type": "FeatureCollection", "name": feature_id, "crs": CRS_MEMBER, "features": [
        {"type": "Feature", "properties": dict(id=feature_id, **props), "geometry": geometry}]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--parcels", type=int, default=1_000_000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20211231)
    ap.add_argument("--corridors", choices=["proportional", "capped"], default="proportional")
    ap.add_argument("--zones-only", action="store_true", help="write zones, projects and manifest, not parcels.geojson")
    args = ap.parse_args()
    n = args.parcels
    if n < 1:
        sys.exit("heavy_workload: --parcels must be ≥ 1")
    os.makedirs(os.path.join(args.out, "zones"), exist_ok=True)
    k = math.sqrt(n / 1e6)
    if args.corridors == "capped":
        k = min(1.0, k)
    cols, rows = grid(n)
    x0 = CENTRE[0] - cols * CELL / 2
    ytop = CENTRE[1] + rows * CELL / 2
    if not args.zones_only:
        tmp = os.path.join(args.out, "parcels.geojson.part")
        write_parcels(tmp, n, args.seed)
        os.replace(tmp, os.path.join(args.out, "parcels.geojson"))

    cx, cy = CENTRE
    r2 = lambda pts: [[round(cx + x, 2), round(cy + y, 2)] for x, y in pts]
    projects, cmds, nominal = [], [], {}
    for c in corridors(k):
        path = f"zones/{c['zone']}.geojson"
        z = {"id": c["zone"], "name": c["zone_name"]}
        if "centerline" in c:
            geom = {"type": "LineString", "coordinates": r2(c["centerline"])}
            z.update(centerline=path, width_m=c["width"])
            length = sum(math.dist(a, b) for a, b in zip(c["centerline"], c["centerline"][1:]))
            nominal[c["project"]] = {"length_m": round(length, 1), "width_m": c["width"], "area_m2": round(length * c["width"], 1)}
        else:
            rings = [r2(rg) for rg in c["polygon"]]
            for rg in rings: rg.append(rg[0])
            # Exterior counter-clockwise, holes clockwise (RFC 7946).
            rings = [rg if (ring_area(rg[:-1]) > 0) == (i == 0) else rg[::-1] for i, rg in enumerate(rings)]
            geom = {"type": "Polygon", "coordinates": rings}
            z.update(polygon=path)
            area = abs(ring_area(rings[0][:-1])) - sum(abs(ring_area(h[:-1])) for h in rings[1:])
            nominal[c["project"]] = {"area_m2": round(area, 1), "holes": len(rings) - 1}
        with open(os.path.join(args.out, path), "w", encoding="utf-8") as f:
            json.dump(fc(c["zone"], {"name": c["zone_name"], "project": c["project"]}, geom), f, ensure_ascii=False)
            f.write("\n")
        projects.append({"id": c["project"], "name": c["name"], "kind": c["kind"], "zones": [z]})
        cmds.append(["project", "add", c["project"], "--name", c["name"], "--kind", c["kind"]])
        zc = ["zone", "add", c["project"], c["zone"], "--name", c["zone_name"]]
        zc += ["--centerline", path, "--width", str(c["width"])] if "centerline" in c else ["--polygon", path]
        cmds.append(zc)
    with open(os.path.join(args.out, "projects.json"), "w", encoding="utf-8") as f:
        json.dump({"crs": "EPSG:4544", "projects": projects}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(args.out, "projects.cmds"), "w", encoding="utf-8") as f:
        for c in cmds: f.write(" ".join(map(shlex.quote, c)) + "\n")
    manifest = {
        "parcels": n, "seed": args.seed, "crs": "EPSG:4544", "cell_m": round(CELL, 4), "columns": cols, "rows": rows,
        "extent": {"min_x": round(x0, 2), "max_x": round(x0 + cols * CELL, 2), "min_y": round(ytop - rows * CELL, 2), "max_y": round(ytop, 2)},
        "corridors": args.corridors, "corridor_scale": round(k, 6), "nominal": nominal,
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
