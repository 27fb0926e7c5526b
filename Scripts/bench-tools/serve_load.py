#!/usr/bin/env python3
"""Load on `landkit serve`: N concurrent clients on loopback × M status updates each (block / unblock in turn over
ten parcels per client, so each item's history grows by M / 10 events as in real work, as a logged-in planner), while a CLI `status import` of K rows writes to the same database.
Checks that exactly N × M + K events were written and no request failed; prints p50/p99 latency and updates/s.

    serve_load.py LANDKIT-BINARY DATABASE PORT [--clients 50] [--updates 100]
"""
import argparse, http.client, json, os, statistics, subprocess, tempfile, threading, time, datetime

p = argparse.ArgumentParser()
p.add_argument("bin"); p.add_argument("db"); p.add_argument("port", type=int)
p.add_argument("--clients", type=int, default=50); p.add_argument("--updates", type=int, default=100)
p.add_argument("--no-cli", action="store_true", help="no CLI import beside the clients (to see what it costs)")
a = p.parse_args()


def request(conn, method, path, token=None, body=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, "/api/v1" + path, body=None if body is None else json.dumps(body), headers=headers)
    r = conn.getresponse()
    return r.status, json.loads(r.read() or b"null")


def events(db):
    out = subprocess.run([a.bin, "info", "--format", "json", "--db", db], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["counts"]["events"]


c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=30)
_, login = request(c, "POST", "/session", body={"name": "planner", "password": "landkit-demo"})
token = login["token"]
parcels = []
for pid in ["x-ave", "x-ave-ext", "hsr-abc", "airport-clearance", "gangtong-medical", "village-roads"]:
    _, items = request(c, "GET", "/projects/%s/items?open=true&entity=parcel" % pid, token)
    parcels += [(pid, i["id"]) for i in items if not i.get("blocked_reason")]
per = 10
need = a.clients * per + 500
assert len(parcels) >= need, "only %d open unblocked parcels" % len(parcels)
mine, cli_items = [parcels[k * per : (k + 1) * per] for k in range(a.clients)], parcels[a.clients * per : need]

# The CLI's file: block and unblock each of 500 other parcels, an hour and half an hour ago.
now = datetime.datetime.now(datetime.timezone.utc)
rows = ["entity,id,project,action,reason,note,at"]
for pid, iid in cli_items:
    rows.append("parcel,%s,%s,block,funding,资金未到位,%s" % (iid, pid, (now - datetime.timedelta(minutes=60)).strftime("%Y-%m-%dT%H:%M:%SZ")))
    rows.append("parcel,%s,%s,unblock,,到位,%s" % (iid, pid, (now - datetime.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")))
csv = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
csv.write("\n".join(rows) + "\n"); csv.close()
cli_rows = 0 if a.no_cli else len(rows) - 1

before = events(a.db)
latencies, errors, lock = [], [], threading.Lock()
start_gate = threading.Barrier(a.clients + 1)


def client(k):
    conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=30)
    start_gate.wait()
    for j in range(a.updates):
        pid, iid = mine[k][j % per]
        blocking = (j // per) % 2 == 0
        body = {"entity": "parcel", "id": iid, "project": pid, "action": "block" if blocking else "unblock", "note": "load %d" % j}
        if blocking:
            body["reason"] = "other"
        t0 = time.perf_counter()
        try:
            status, out = request(conn, "POST", "/status", token, body)
        except Exception as e:  # a dropped connection counts as an error
            status, out = 0, str(e)
            conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=30)
        dt = time.perf_counter() - t0
        with lock:
            latencies.append(dt)
            if status != 201:
                errors.append((status, out))


threads = [threading.Thread(target=client, args=(k,)) for k in range(a.clients)]
for t in threads:
    t.start()
cli_cmd = ["true"] if a.no_cli else [a.bin, "status", "import", csv.name, "--by", "办公室", "--db", a.db]
cli = subprocess.Popen(cli_cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
t0 = time.perf_counter()
start_gate.wait()
for t in threads:
    t.join()
wall = time.perf_counter() - t0
cli_out, cli_err = cli.communicate(timeout=600)
after = events(a.db)
os.unlink(csv.name)
latencies.sort()
q = lambda f: latencies[min(len(latencies) - 1, int(f * len(latencies)))] * 1000
result = {
    "clients": a.clients, "updates_per_client": a.updates, "requests": len(latencies), "errors": len(errors),
    "wall_s": round(wall, 2), "updates_per_s": round(len(latencies) / wall, 1), "p50_ms": round(q(0.50), 1), "p99_ms": round(q(0.99), 1),
    "max_ms": round(latencies[-1] * 1000, 1), "cli_rows": cli_rows, "cli_status": cli.returncode,
    "events_written": after - before, "events_expected": a.clients * a.updates + cli_rows,
}
print(json.dumps(result))
if errors:
    print("first errors:", errors[:3])
if cli.returncode != 0:
    print("cli:", cli_err.strip())
ok = not errors and cli.returncode == 0 and result["events_written"] == result["events_expected"]
raise SystemExit(0 if ok else 1)
