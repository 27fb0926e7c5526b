/*
 * geos_overlaps: the C/GEOS peer of `landkit overlaps` for Scripts/bench-heavy (issue 18).
 *
 *   cc -O2 -o geos_overlaps geos_overlaps.c $(pkg-config --cflags --libs geos sqlite3 proj) -lpthread -lm
 *   geos_overlaps DB.gpkg [--threads N] [--csv OUT.csv] [--tile METRES] [--no-bbox-count]
 *
 * Reads a LandKit GeoPackage with plain SQLite (tables parcels(fid, id, geom, area_m2, planar_area_m2),
 * zones(project_id, geom), projects(id), and the GeoPackage R-tree rtree_parcels_geom) and does, per
 * project, the pipeline a C/GEOS programmer would write for this job:
 *
 *   1. read   (main thread): the project's red line = GEOSUnaryUnion of its zones (each MakeValid'ed);
 *             its envelope cut into a grid of --tile (250) m cells; for each cell the piece of the red
 *             line inside it (GEOSClipByRect); for each non-empty piece an R-tree query of
 *             rtree_parcels_geom with the piece's envelope; candidates deduplicated and sorted by fid.
 *   2. compute (--threads workers, pthreads; each with its own GEOS context handle, PROJ context,
 *             SQLite connection and prepared copy of every red line; candidates handed out in chunks):
 *             fetch the parcel row by fid, strip the GeoPackageBinary header (8 bytes + the envelope
 *             given by flag bits 1-3), GEOSWKBReader_read_r; prepared Intersects, then prepared
 *             ContainsProperly (wholly inside: the stored area_m2 / planar_area_m2), otherwise
 *             GEOSIntersection_r with the red line (clipped to the parcel's envelope first when the
 *             red line has many vertices), planar area of the polygonal part (GEOSArea_r) and its
 *             ellipsoidal area on CGCS2000 (proj_trans EPSG:4544 -> EPSG:4490 lon/lat, then
 *             geod_polygonarea, a = 6378137, f = 1/298.257222101: |outer| - sum |holes|). A parcel
 *             whose planar total is under 0.01 m² is not a row (LandKit's rule); a wholly-inside
 *             parcel needs a stored planar area of at least 0.01 m².
 *   3. write  (main thread): CSV project,parcel_id,planar_m2,ellipsoidal_m2,wholly_inside.
 *
 * Prints one JSON line: read_s, compute_s, write_s, total_s (all wall clock; total = from start to the
 * CSV closed), threads, candidates (parcels tested), bbox_candidates (parcels whose R-tree box meets the
 * red line's envelope: issue 18's "bbox candidates"; counted after the clock stopped, not timed),
 * tiles, rows, wholly_inside, planar_m2, ellipsoidal_m2, per_project {id: {...}}.
 */
#define _GNU_SOURCE
#include <geodesic.h>
#include <geos_c.h>
#include <proj.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>

#define ZERO_M2 0.01
#define CHUNK 256
#define CLIP_ABOVE_VERTICES 256

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("geos_overlaps: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void geos_message(const char *message, void *userdata) {
    /* Errors come back as NULL / 2 results and are handled there; keep the text for the report. */
    char *buf = userdata;
    snprintf(buf, 512, "%s", message);
}

typedef struct {
    GEOSContextHandle_t h;
    char error[512];
} Geos;

static void geos_open(Geos *g) {
    g->h = GEOS_init_r();
    if (!g->h) die("GEOS_init_r failed");
    g->error[0] = 0;
    GEOSContext_setErrorMessageHandler_r(g->h, geos_message, g->error);
    GEOSContext_setNoticeMessageHandler_r(g->h, NULL, NULL);
}

/* The WKB inside a GeoPackageBinary blob. */
static const unsigned char *gpkg_wkb(const unsigned char *blob, int n, size_t *len) {
    static const int env_bytes[8] = {0, 32, 48, 48, 64, -1, -1, -1};
    if (n < 8 || blob[0] != 'G' || blob[1] != 'P') return NULL;
    int e = env_bytes[(blob[3] >> 1) & 7];
    if (e < 0 || 8 + e > n) return NULL;
    *len = (size_t)(n - 8 - e);
    return blob + 8 + e;
}

typedef struct {
    char *id;
    unsigned char *wkb;  /* the red line as WKB (copied into each worker's context) */
    size_t wkb_len;
    int vertices;
    double minx, miny, maxx, maxy;
    int empty;
    long candidates, bbox_candidates, tiles;
    /* results */
    double planar, ellipsoidal;
    long rows, inside;
} Project;

typedef struct {
    int project;
    sqlite3_int64 fid;
} Cand;

typedef struct {
    double planar, ellipsoidal;
    int inside, keep;
    char id[48];
} Res;

/* Shared state. */
static const char *db_path;
static Project *projects;
static int nprojects;
static Cand *cands;
static Res *res;
static long ncands;
static long next_chunk;
static pthread_mutex_t chunk_lock = PTHREAD_MUTEX_INITIALIZER;
static char worker_failure[1024];
static pthread_mutex_t failure_lock = PTHREAD_MUTEX_INITIALIZER;

static void fail_worker(const char *fmt, ...) {
    pthread_mutex_lock(&failure_lock);
    if (!worker_failure[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(worker_failure, sizeof worker_failure, fmt, ap);
        va_end(ap);
    }
    pthread_mutex_unlock(&failure_lock);
}

static sqlite3 *open_db(void) {
    sqlite3 *db;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        die("cannot open %s: %s", db_path, sqlite3_errmsg(db));
    sqlite3_exec(db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
    /* One read transaction for all the connection's queries: without it every row lookup is its own
     * transaction (fcntl locks, WAL index checks, a process-wide inode mutex the workers contend for). */
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) die("BEGIN: %s", sqlite3_errmsg(db));
    return db;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die("SQL %s: %s", sql, sqlite3_errmsg(db));
    return st;
}

/* ---- Areas -------------------------------------------------------------------------------------- */
typedef struct {
    PJ_CONTEXT *ctx;
    PJ *pj;
    struct geod_geodesic geod;
    double *xs, *ys;
    size_t cap;
} Areas;

static void areas_open(Areas *a) {
    a->ctx = proj_context_create();
    PJ *p = proj_create_crs_to_crs(a->ctx, "EPSG:4544", "EPSG:4490", NULL);
    if (!p) die("PROJ: no transformation EPSG:4544 -> EPSG:4490");
    a->pj = proj_normalize_for_visualization(a->ctx, p);  /* easting, northing -> lon, lat */
    proj_destroy(p);
    if (!a->pj) die("PROJ: proj_normalize_for_visualization failed");
    geod_init(&a->geod, 6378137.0, 1 / 298.257222101);
    a->cap = 0; a->xs = a->ys = NULL;
}

static void areas_close(Areas *a) {
    proj_destroy(a->pj);
    proj_context_destroy(a->ctx);
    free(a->xs); free(a->ys);
}

/* Unsigned geodesic area of one ring (EPSG:4544 coordinates). */
static double ring_area(Geos *g, Areas *a, const GEOSGeometry *ring) {
    const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(g->h, ring);
    unsigned int n = 0;
    if (!cs || !GEOSCoordSeq_getSize_r(g->h, cs, &n) || n < 4) return 0;
    if (n > a->cap) {
        a->cap = n * 2;
        a->xs = realloc(a->xs, a->cap * sizeof(double));
        a->ys = realloc(a->ys, a->cap * sizeof(double));
    }
    for (unsigned int i = 0; i < n; i++) GEOSCoordSeq_getXY_r(g->h, cs, i, &a->xs[i], &a->ys[i]);
    n--;  /* closing point */
    proj_trans_generic(a->pj, PJ_FWD, a->xs, sizeof(double), n, a->ys, sizeof(double), n, NULL, 0, 0, NULL, 0, 0);
    double area = 0, perimeter = 0;
    /* geod_polygonarea(g, lats, lons, n, ...) */
    geod_polygonarea(&a->geod, a->ys, a->xs, (int)n, &area, &perimeter);
    return fabs(area);
}

/* Planar and ellipsoidal areas of the polygonal parts of g. */
static void polygonal_areas(Geos *g, Areas *a, const GEOSGeometry *geom, double *planar, double *ellipsoidal) {
    int type = GEOSGeomTypeId_r(g->h, geom);
    if (type == GEOS_POLYGON) {
        double ar = 0;
        GEOSArea_r(g->h, geom, &ar);
        *planar += ar;
        double e = ring_area(g, a, GEOSGetExteriorRing_r(g->h, geom));
        int holes = GEOSGetNumInteriorRings_r(g->h, geom);
        for (int i = 0; i < holes; i++) e -= ring_area(g, a, GEOSGetInteriorRingN_r(g->h, geom, i));
        *ellipsoidal += e;
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        int parts = GEOSGetNumGeometries_r(g->h, geom);
        for (int i = 0; i < parts; i++) polygonal_areas(g, a, GEOSGetGeometryN_r(g->h, geom, i), planar, ellipsoidal);
    }
}

/* ---- Workers ------------------------------------------------------------------------------------ */
typedef struct {
    int index;
    double seconds;
} WorkerArg;

static void *worker(void *arg) {
    WorkerArg *w = arg;
    double t0 = now();
    Geos g;
    geos_open(&g);
    Areas areas;
    areas_open(&areas);
    sqlite3 *db = open_db();
    sqlite3_stmt *st = prepare(db, "SELECT id, geom, area_m2, planar_area_m2 FROM parcels WHERE fid = ?");
    GEOSWKBReader *reader = GEOSWKBReader_create_r(g.h);
    GEOSGeometry **red = calloc(nprojects, sizeof *red);
    const GEOSPreparedGeometry **prep = calloc(nprojects, sizeof *prep);
    for (int p = 0; p < nprojects; p++) {
        if (projects[p].empty) continue;
        red[p] = GEOSWKBReader_read_r(g.h, reader, projects[p].wkb, projects[p].wkb_len);
        if (!red[p]) die("worker: cannot read the red line of %s: %s", projects[p].id, g.error);
        prep[p] = GEOSPrepare_r(g.h, red[p]);
    }
    for (;;) {
        pthread_mutex_lock(&chunk_lock);
        long start = next_chunk;
        next_chunk += CHUNK;
        pthread_mutex_unlock(&chunk_lock);
        if (start >= ncands || worker_failure[0]) break;
        long end = start + CHUNK < ncands ? start + CHUNK : ncands;
        for (long i = start; i < end; i++) {
            Cand *c = &cands[i];
            Res *r = &res[i];
            memset(r, 0, sizeof *r);
            sqlite3_bind_int64(st, 1, c->fid);
            if (sqlite3_step(st) != SQLITE_ROW) {
                fail_worker("parcel fid %lld not found", (long long)c->fid);
                sqlite3_reset(st);
                break;
            }
            const unsigned char *pid = sqlite3_column_text(st, 0);
            snprintf(r->id, sizeof r->id, "%s", pid ? (const char *)pid : "");
            const unsigned char *blob = sqlite3_column_blob(st, 1);
            int blen = sqlite3_column_bytes(st, 1);
            double stored_e = sqlite3_column_double(st, 2), stored_p = sqlite3_column_double(st, 3);
            size_t wlen;
            const unsigned char *wkb = gpkg_wkb(blob, blen, &wlen);
            if (!wkb) { fail_worker("parcel %s: not a GeoPackage geometry blob", r->id); sqlite3_reset(st); break; }
            GEOSGeometry *geom = GEOSWKBReader_read_r(g.h, reader, wkb, wlen);
            sqlite3_reset(st);
            if (!geom) { fail_worker("parcel %s: bad WKB: %s", r->id, g.error); break; }
            int p = c->project;
            char hit = GEOSPreparedIntersects_r(g.h, prep[p], geom);
            if (hit == 1) {
                if (GEOSPreparedContainsProperly_r(g.h, prep[p], geom) == 1) {
                    r->inside = 1;
                    r->planar = stored_p;
                    r->ellipsoidal = stored_e;
                    r->keep = stored_p >= ZERO_M2;
                } else {
                    GEOSGeometry *local = NULL;
                    const GEOSGeometry *other = red[p];
                    if (projects[p].vertices > CLIP_ABOVE_VERTICES) {
                        double x0, y0, x1, y1;
                        GEOSGeom_getXMin_r(g.h, geom, &x0); GEOSGeom_getYMin_r(g.h, geom, &y0);
                        GEOSGeom_getXMax_r(g.h, geom, &x1); GEOSGeom_getYMax_r(g.h, geom, &y1);
                        local = GEOSClipByRect_r(g.h, red[p], x0 - 1, y0 - 1, x1 + 1, y1 + 1);
                        if (local) other = local;
                    }
                    GEOSGeometry *piece = GEOSIntersection_r(g.h, geom, other);
                    if (!piece) {  /* invalid parcel: repair, as LandKit does, and retry */
                        GEOSGeometry *fixed = GEOSMakeValid_r(g.h, geom);
                        if (fixed) piece = GEOSIntersection_r(g.h, fixed, other);
                        if (fixed) GEOSGeom_destroy_r(g.h, fixed);
                    }
                    if (local) GEOSGeom_destroy_r(g.h, local);
                    if (!piece) { fail_worker("parcel %s: intersection failed: %s", r->id, g.error); GEOSGeom_destroy_r(g.h, geom); break; }
                    double planar = 0, ellipsoidal = 0;
                    polygonal_areas(&g, &areas, piece, &planar, &ellipsoidal);
                    GEOSGeom_destroy_r(g.h, piece);
                    if (planar >= ZERO_M2) {
                        r->keep = 1;
                        r->planar = planar;
                        r->ellipsoidal = ellipsoidal;
                    }
                }
            } else if (hit != 0) {
                fail_worker("parcel %s: intersects failed: %s", r->id, g.error);
            }
            GEOSGeom_destroy_r(g.h, geom);
        }
    }
    for (int p = 0; p < nprojects; p++) {
        if (prep[p]) GEOSPreparedGeom_destroy_r(g.h, prep[p]);
        if (red[p]) GEOSGeom_destroy_r(g.h, red[p]);
    }
    free(prep); free(red);
    GEOSWKBReader_destroy_r(g.h, reader);
    sqlite3_finalize(st);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
    areas_close(&areas);
    GEOS_finish_r(g.h);
    w->seconds = now() - t0;
    return NULL;
}

/* ---- Main --------------------------------------------------------------------------------------- */
static int cmp_cand(const void *a, const void *b) {
    const Cand *x = a, *y = b;
    if (x->project != y->project) return x->project - y->project;
    return (x->fid > y->fid) - (x->fid < y->fid);
}

static void json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fprintf(f, "\\%c", *s);
        else if ((unsigned char)*s < 0x20) fprintf(f, "\\u%04x", *s);
        else fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_field(FILE *f, const char *s) {
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', f);
        for (; *s; s++) { if (*s == '"') fputc('"', f); fputc(*s, f); }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
}

int main(int argc, char **argv) {
    double t_start = now();
    int threads = 1, bbox_count = 1;
    double tile = 250;
    const char *csv_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--threads") && i + 1 < argc) threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--csv") && i + 1 < argc) csv_path = argv[++i];
        else if (!strcmp(argv[i], "--tile") && i + 1 < argc) tile = atof(argv[++i]);
        else if (!strcmp(argv[i], "--no-bbox-count")) bbox_count = 0;
        else if (argv[i][0] == '-') die("unknown option %s\nusage: geos_overlaps DB.gpkg [--threads N] [--csv OUT.csv] [--tile M] [--no-bbox-count]", argv[i]);
        else if (!db_path) db_path = argv[i];
        else die("one database only");
    }
    if (!db_path) die("usage: geos_overlaps DB.gpkg [--threads N] [--csv OUT.csv] [--tile M] [--no-bbox-count]");
    if (threads < 1 || threads > 64) die("--threads must be 1..64");
    if (!(tile > 0)) die("--tile must be > 0");
    /* No global memory statistics (a mutex taken on every sqlite3_malloc, shared by the workers). */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();

    /* 1. Read: red lines, tiles, candidates. */
    Geos g;
    geos_open(&g);
    sqlite3 *db = open_db();
    sqlite3_stmt *st = prepare(db, "SELECT id FROM projects ORDER BY fid");
    int cap = 16;
    projects = calloc(cap, sizeof *projects);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (nprojects == cap) projects = realloc(projects, (cap *= 2) * sizeof *projects);
        memset(&projects[nprojects], 0, sizeof *projects);
        projects[nprojects++].id = strdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);

    GEOSWKBReader *reader = GEOSWKBReader_create_r(g.h);
    GEOSWKBWriter *writer = GEOSWKBWriter_create_r(g.h);
    GEOSGeometry **reds = calloc(nprojects ? nprojects : 1, sizeof *reds);
    st = prepare(db, "SELECT geom FROM zones WHERE project_id = ? ORDER BY fid");
    sqlite3_stmt *rq = prepare(db, "SELECT id FROM rtree_parcels_geom WHERE minx <= ?2 AND maxx >= ?1 AND miny <= ?4 AND maxy >= ?3");
    sqlite3_stmt *mx = prepare(db, "SELECT coalesce(max(fid), 0) FROM parcels");
    sqlite3_step(mx);
    sqlite3_int64 max_fid = sqlite3_column_int64(mx, 0);
    sqlite3_finalize(mx);
    int *seen = calloc((size_t)max_fid + 1, sizeof *seen);  /* project index + 1 that last took the fid */
    long ccap = 1 << 16;
    cands = malloc(ccap * sizeof *cands);
    long total_tiles = 0;
    for (int p = 0; p < nprojects; p++) {
        Project *pr = &projects[p];
        sqlite3_bind_text(st, 1, pr->id, -1, SQLITE_STATIC);
        int nz = 0, zcap = 4;
        GEOSGeometry **zs = malloc(zcap * sizeof *zs);
        while (sqlite3_step(st) == SQLITE_ROW) {
            size_t wlen;
            const unsigned char *wkb = gpkg_wkb(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0), &wlen);
            if (!wkb) die("zone of %s: not a GeoPackage geometry blob", pr->id);
            GEOSGeometry *z = GEOSWKBReader_read_r(g.h, reader, wkb, wlen);
            if (!z) die("zone of %s: bad WKB: %s", pr->id, g.error);
            GEOSGeometry *v = GEOSMakeValid_r(g.h, z);
            GEOSGeom_destroy_r(g.h, z);
            if (nz == zcap) zs = realloc(zs, (zcap *= 2) * sizeof *zs);
            zs[nz++] = v;
        }
        sqlite3_reset(st);
        if (nz == 0) { pr->empty = 1; free(zs); continue; }
        GEOSGeometry *coll = GEOSGeom_createCollection_r(g.h, GEOS_GEOMETRYCOLLECTION, zs, nz);
        free(zs);
        GEOSGeometry *red = GEOSUnaryUnion_r(g.h, coll);
        GEOSGeom_destroy_r(g.h, coll);
        if (!red) die("union of the zones of %s failed: %s", pr->id, g.error);
        if (GEOSisEmpty_r(g.h, red)) { pr->empty = 1; GEOSGeom_destroy_r(g.h, red); continue; }
        reds[p] = red;
        pr->wkb = GEOSWKBWriter_write_r(g.h, writer, red, &pr->wkb_len);
        pr->vertices = GEOSGetNumCoordinates_r(g.h, red);
        GEOSGeom_getXMin_r(g.h, red, &pr->minx); GEOSGeom_getYMin_r(g.h, red, &pr->miny);
        GEOSGeom_getXMax_r(g.h, red, &pr->maxx); GEOSGeom_getYMax_r(g.h, red, &pr->maxy);
        long first = ncands;
        long c0 = (long)floor(pr->minx / tile), c1 = (long)floor(pr->maxx / tile);
        long r0 = (long)floor(pr->miny / tile), r1 = (long)floor(pr->maxy / tile);
        for (long cx = c0; cx <= c1; cx++) {
            for (long cy = r0; cy <= r1; cy++) {
                double x0 = cx * tile, y0 = cy * tile;
                GEOSGeometry *piece = GEOSClipByRect_r(g.h, red, x0, y0, x0 + tile, y0 + tile);
                if (!piece) die("clip of %s failed: %s", pr->id, g.error);
                if (GEOSisEmpty_r(g.h, piece)) { GEOSGeom_destroy_r(g.h, piece); continue; }
                double px0, py0, px1, py1;
                GEOSGeom_getXMin_r(g.h, piece, &px0); GEOSGeom_getYMin_r(g.h, piece, &py0);
                GEOSGeom_getXMax_r(g.h, piece, &px1); GEOSGeom_getYMax_r(g.h, piece, &py1);
                GEOSGeom_destroy_r(g.h, piece);
                pr->tiles++;
                sqlite3_bind_double(rq, 1, px0); sqlite3_bind_double(rq, 2, px1);
                sqlite3_bind_double(rq, 3, py0); sqlite3_bind_double(rq, 4, py1);
                while (sqlite3_step(rq) == SQLITE_ROW) {
                    sqlite3_int64 fid = sqlite3_column_int64(rq, 0);
                    if (fid < 0 || fid > max_fid) die("R-tree id %lld outside the parcels' fids", (long long)fid);
                    if (seen[fid] == p + 1) continue;
                    seen[fid] = p + 1;
                    if (ncands == ccap) cands = realloc(cands, (ccap *= 2) * sizeof *cands);
                    cands[ncands].project = p;
                    cands[ncands].fid = fid;
                    ncands++;
                }
                sqlite3_reset(rq);
            }
        }
        pr->candidates = ncands - first;
        total_tiles += pr->tiles;
    }
    sqlite3_finalize(st);
    free(seen);
    qsort(cands, ncands, sizeof *cands, cmp_cand);
    res = calloc(ncands ? ncands : 1, sizeof *res);
    double t_read = now();

    /* 2. Compute. */
    pthread_t tids[64];
    WorkerArg args[64];
    for (int i = 0; i < threads; i++) {
        args[i].index = i;
        if (pthread_create(&tids[i], NULL, worker, &args[i])) die("pthread_create failed");
    }
    for (int i = 0; i < threads; i++) pthread_join(tids[i], NULL);
    if (worker_failure[0]) die("%s", worker_failure);
    double t_compute = now();

    /* 3. Write. */
    FILE *csv = fopen(csv_path ? csv_path : "/dev/null", "w");
    if (!csv) die("cannot write %s", csv_path);
    static char csvbuf[1 << 20];
    setvbuf(csv, csvbuf, _IOFBF, sizeof csvbuf);
    fputs("project,parcel_id,planar_m2,ellipsoidal_m2,wholly_inside\n", csv);
    long rows = 0, inside = 0;
    for (long i = 0; i < ncands; i++) {
        Res *r = &res[i];
        if (!r->keep) continue;
        Project *pr = &projects[cands[i].project];
        csv_field(csv, pr->id);
        fputc(',', csv);
        csv_field(csv, r->id);
        fprintf(csv, ",%.6f,%.6f,%d\n", r->planar, r->ellipsoidal, r->inside);
        pr->planar += r->planar;
        pr->ellipsoidal += r->ellipsoidal;
        pr->rows++;
        pr->inside += r->inside;
        rows++;
        inside += r->inside;
    }
    if (fclose(csv) != 0) die("writing %s failed", csv_path);
    double t_write = now();

    /* Not timed: the "bbox candidates" (R-tree boxes meeting each red line's envelope). */
    long bbox_total = 0;
    if (bbox_count) {
        sqlite3_stmt *bq = prepare(db, "SELECT count(*) FROM rtree_parcels_geom WHERE minx <= ?2 AND maxx >= ?1 AND miny <= ?4 AND maxy >= ?3");
        for (int p = 0; p < nprojects; p++) {
            Project *pr = &projects[p];
            if (pr->empty) continue;
            sqlite3_bind_double(bq, 1, pr->minx); sqlite3_bind_double(bq, 2, pr->maxx);
            sqlite3_bind_double(bq, 3, pr->miny); sqlite3_bind_double(bq, 4, pr->maxy);
            if (sqlite3_step(bq) == SQLITE_ROW) pr->bbox_candidates = sqlite3_column_int64(bq, 0);
            sqlite3_reset(bq);
            bbox_total += pr->bbox_candidates;
        }
        sqlite3_finalize(bq);
    }
    sqlite3_finalize(rq);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);

    char bbox_str[32] = "null";
    if (bbox_count) snprintf(bbox_str, sizeof bbox_str, "%ld", bbox_total);
    double planar = 0, ellipsoidal = 0;
    for (int p = 0; p < nprojects; p++) { planar += projects[p].planar; ellipsoidal += projects[p].ellipsoidal; }
    printf("{\"read_s\": %.6f, \"compute_s\": %.6f, \"write_s\": %.6f, \"total_s\": %.6f, \"threads\": %d, "
           "\"worker_s\": [", t_read - t_start, t_compute - t_read, t_write - t_compute, t_write - t_start, threads);
    for (int i = 0; i < threads; i++) printf("%s%.6f", i ? ", " : "", args[i].seconds);
    printf("], \"candidates\": %ld, \"bbox_candidates\": %s, \"tiles\": %ld, \"tile_m\": %g, \"rows\": %ld, \"wholly_inside\": %ld, "
           "\"planar_m2\": %.6f, \"ellipsoidal_m2\": %.6f, \"geos\": \"%s\", \"proj\": \"%s\", \"sqlite\": \"%s\", \"per_project\": {",
           ncands, bbox_str, total_tiles, tile, rows, inside, planar, ellipsoidal,
           GEOSversion(), proj_info().version, sqlite3_libversion());
    for (int p = 0; p < nprojects; p++) {
        Project *pr = &projects[p];
        printf("%s", p ? ", " : "");
        json_string(stdout, pr->id);
        printf(": {\"planar_m2\": %.6f, \"ellipsoidal_m2\": %.6f, \"rows\": %ld, \"wholly_inside\": %ld, \"candidates\": %ld, "
               "\"bbox_candidates\": %ld, \"tiles\": %ld, \"red_line_vertices\": %d}",
               pr->planar, pr->ellipsoidal, pr->rows, pr->inside, pr->candidates, pr->bbox_candidates, pr->tiles, pr->vertices);
    }
    printf("}}\n");
    for (int p = 0; p < nprojects; p++) if (reds[p]) GEOSGeom_destroy_r(g.h, reds[p]);
    GEOSWKBReader_destroy_r(g.h, reader);
    GEOSWKBWriter_destroy_r(g.h, writer);
    GEOS_finish_r(g.h);
    return 0;
}
