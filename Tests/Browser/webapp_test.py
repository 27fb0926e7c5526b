#!/usr/bin/env python3
"""The web app in a real browser: headless Chromium driven by chromedriver (selenium), on a phone-sized window.

Builds the demo database with its sample accounts (Scripts/demo-accounts), starts `landkit serve` on a free port
on 127.0.0.1, and as team1 (拆迁一组) moves a parcel to its next stage, blocks another, and moves a third while the
network is cut (DevTools network conditions); when the network is back the queued update is sent once, with the
time it was made. Then the leader's live dashboard shows the moved and the blocked parcel. The server is stopped
with SIGTERM and must exit 0. Everything is bounded in time; screenshots go to $LANDKIT_SCREENSHOTS if set.

    Tests/Browser/webapp_test.py LANDKIT-BINARY
"""
import datetime, json, os, signal, socket, subprocess, sys, tempfile, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.environ.get("LANDKIT_SCREENSHOTS")
PROJECT = "hsr-west-ave"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base, method, path, token=None, body=None):
    req = urllib.request.Request(base + "/api/v1" + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def shot(driver, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        driver.save_screenshot(os.path.join(SHOTS, name))


def main():
    tmp = tempfile.mkdtemp(prefix="landkit-browser-")
    subprocess.run([BIN, "demo", "--dir", tmp], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    db = os.path.join(tmp, "xjd.gpkg")
    subprocess.run([os.path.join(ROOT, "Scripts/demo-accounts"), BIN, db], check=True, timeout=120)
    port = free_port()
    base = "http://127.0.0.1:%d" % port
    log = open(os.path.join(tmp, "serve.log"), "w")
    server = subprocess.Popen([BIN, "serve", "--db", db, "--port", str(port)], stdout=log, stderr=log)
    driver = None
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        status, login = api(base, "POST", "/session", body={"name": "team1", "password": "landkit-demo"})
        token = login["token"]
        _, items = api(base, "GET", "/projects/%s/items?open=true&entity=parcel" % PROJECT, token)
        movable = [i for i in items if i.get("next_stage") and not i.get("blocked_reason") and (i.get("overlap_mu") or 0) > 0.1]
        a, b, c = movable[0], movable[1], movable[2]

        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844", "--lang=zh-CN"]:
            options.add_argument(arg)
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}})
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        driver.set_page_load_timeout(30)
        # The app re-renders a page after each answer: an element found a moment ago may be gone; look again.
        wait = WebDriverWait(driver, 60, ignored_exceptions=[StaleElementReferenceException])

        def click(by, selector):
            # Found and clicked in one step, again if a re-render replaced the element in between.
            wait.until(lambda d: d.find_element(by, selector).click() or True)

        driver.get(base + "/app")
        wait.until(EC.presence_of_element_located((By.ID, "login")))
        shot(driver, "app-login.png")
        driver.find_element(By.ID, "name").send_keys("team1")
        driver.find_element(By.ID, "password").send_keys("landkit-demo")
        driver.find_element(By.CSS_SELECTOR, "#login button[type=submit]").click()
        card = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, 'a[data-project="%s"]' % PROJECT)))
        check("拆迁一组" in driver.find_element(By.ID, "who").text, "the bar names the team")
        check(len(driver.find_elements(By.CSS_SELECTOR, "a[data-project]")) == 2, "team1 sees its 2 projects only")
        shot(driver, "app-tasks.png")
        click(By.CSS_SELECTOR, 'a[data-project="%s"]' % PROJECT)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".card.item")))
        shot(driver, "app-project.png")

        def open_item(i):
            driver.get(base + "/app#item/parcel/%s/%s" % (i["id"], PROJECT))
            driver.refresh()
            wait.until(EC.presence_of_element_located((By.ID, "stage")))

        def confirm(note=None, reason=None):
            wait.until(EC.visibility_of_element_located((By.ID, "confirm")))
            if reason:
                Select(driver.find_element(By.ID, "reason")).select_by_value(reason)
            if note:
                driver.find_element(By.ID, "note").send_keys(note)
            click(By.ID, "confirm")

        # A: the next stage.
        open_item(a)
        click(By.ID, "next")
        confirm(note="现场勘测完成")
        wait.until(lambda d: a["next_stage_zh"] in d.find_element(By.ID, "stage").text)
        shot(driver, "app-item.png")
        check(True, "parcel %s moved to %s in the browser" % (a["id"], a["next_stage_zh"]))

        # B: blocked for funding, with a note that tries to be markup.
        open_item(b)
        click(By.ID, "block")
        confirm(note="<script>window.pwned=1</script>资金未到位", reason="funding")
        wait.until(lambda d: "资金原因" in d.find_element(By.ID, "stage").text)
        check(driver.execute_script("return window.pwned === undefined"), "a <script> note is shown as text, never run")
        check("<script>window.pwned=1</script>资金未到位" in driver.find_element(By.CSS_SELECTOR, "ol.history").text, "the note reads as typed")
        shot(driver, "app-blocked.png")

        # C: made offline, sent when the network returns, once, with its original time.
        open_item(c)
        driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
        made = datetime.datetime.now(datetime.timezone.utc)
        click(By.ID, "next")
        confirm()
        wait.until(lambda d: "待发送" in d.find_element(By.ID, "sync").text)
        shot(driver, "app-offline.png")
        check(True, "offline: the update waits in the browser (待发送)")
        time.sleep(2)
        back = datetime.datetime.now(datetime.timezone.utc)
        driver.delete_network_conditions()
        WebDriverWait(driver, 30, ignored_exceptions=[StaleElementReferenceException]).until(lambda d: not d.find_element(By.ID, "sync").is_displayed() or "待发送" not in d.find_element(By.ID, "sync").text)
        _, detail = api(base, "GET", "/items/parcel/%s?project=%s" % (c["id"], PROJECT), token)
        sets = [e for e in detail["history"] if e["action"] == "set" and e["to"] == c["next_stage"]]
        check(len(sets) == 1, "the offline update is stored once (%d)" % len(sets))
        if sets:
            at = datetime.datetime.fromisoformat(sets[0]["at"].replace("Z", "+00:00"))
            check(at < back and at >= made - datetime.timedelta(seconds=5), "it keeps the time it was made (%s)" % sets[0]["at"])
            check(sets[0]["by"] == "拆迁一组/team1", "it names the team and the login")

        # The leader's live dashboard shows both.
        click(By.ID, "logout")
        wait.until(EC.presence_of_element_located((By.ID, "login")))
        driver.find_element(By.ID, "name").send_keys("leader")
        driver.find_element(By.ID, "password").send_keys("landkit-demo")
        driver.find_element(By.CSS_SELECTOR, "#login button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.ID, "dashboard-link"))).click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form.live-bar")))
        yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
        driver.get(base + "/?since=" + yesterday)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ul.moved")))
        page = driver.page_source
        check(b["id"] in page, "the dashboard lists blocked parcel %s" % b["id"])
        moved = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "ul.moved li") if "高铁站西大道" in li.text]
        check(bool(moved) and "无变化" not in moved[0], "the dashboard's since-yesterday line for the project shows the moves: %s" % moved)
        driver.set_window_size(1280, 900)
        shot(driver, "dashboard-live.png")
        _, report = api(base, "GET", "/report?since=%s&project=%s" % (yesterday, PROJECT), api(base, "POST", "/session", body={"name": "leader", "password": "landkit-demo"})[1]["token"])
        check(report["projects"][0]["id"] == PROJECT, "the report JSON answers for the leader")
    finally:
        if driver:
            driver.quit()
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            code = "killed"
        log.close()
        check(code == 0, "landkit serve stops on SIGTERM with status 0 (%s)" % code)
        verify = subprocess.run([BIN, "info", "--verify", "--db", db], capture_output=True, text=True, timeout=120)
        check(verify.returncode == 0, "info --verify passes after the session: " + verify.stdout.strip().splitlines()[-1] if verify.stdout.strip() else verify.stderr)
    if failures:
        print("browser test: %d failure(s); server log in %s" % (len(failures), tmp), file=sys.stderr)
        sys.exit(1)
    subprocess.run(["rm", "-rf", tmp])
    print("browser test: passed")


if __name__ == "__main__":
    main()
