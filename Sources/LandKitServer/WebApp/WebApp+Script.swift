extension WebApp {
    /// The app's script: hash routes (#login, #tasks, #project/P, #item/E/ID/P), the API with the bearer token,
    /// and the offline queue: an update is put in IndexedDB with its `at` first, then sent; what the server
    /// refuses (the item moved meanwhile) is kept as a conflict on screen until dismissed.
    static let script = #"""
        "use strict";
        const T = {
          zh: { login: "登录", name: "用户名", password: "密码", logout: "退出", tasks: "我的任务", projects: "项目", open: "待办", blocked: "受阻",
                all: "全部", items: "项", next: "推进到", block: "标记受阻", unblock: "解除受阻", defer: "暂缓（不影响施工）", reason: "受阻原因",
                note: "备注", noteRequired: "必须填写备注", cancel: "取消", save: "确认", history: "变更记录", map: "位置图", since: "起",
                offline: "无网络连接", pending: "待发送", conflicts: "未能保存", dismiss: "知道了", sent: "已保存", queued: "无网络：已暂存，联网后自动发送",
                dashboard: "进度看板", none: "没有待办事项", wrong: "用户名或密码错误", done: "已完成", deferred: "暂缓", stage: "阶段",
                back: "返回", loading: "加载中…", team: "组", outOfZone: "已出红线" },
          en: { login: "Log in", name: "Name", password: "Password", logout: "Log out", tasks: "My tasks", projects: "Projects", open: "open", blocked: "Blocked",
                all: "All", items: "items", next: "Move to", block: "Block", unblock: "Unblock", defer: "Defer (no construction impact)", reason: "Reason",
                note: "Note", noteRequired: "A note is required", cancel: "Cancel", save: "Confirm", history: "History", map: "Map", since: "since",
                offline: "No network", pending: "to send", conflicts: "not saved", dismiss: "Dismiss", sent: "Saved", queued: "Offline: kept, will be sent when online",
                dashboard: "Dashboard", none: "Nothing to do", wrong: "Wrong name or password", done: "done", deferred: "deferred", stage: "Stage",
                back: "Back", loading: "Loading…", team: "team", outOfZone: "out of zone" }
        };
        const ACTIONS = {
          zh: { block: "受阻", unblock: "解除受阻", defer: "暂缓", close: "关闭", "out-of-zone": "出红线", "in-zone": "回到红线内", "geometry-changed": "图形变更" },
          en: { block: "blocked", unblock: "unblocked", defer: "deferred", close: "closed", "out-of-zone": "left the red line", "in-zone": "back in the red line", "geometry-changed": "geometry changed" }
        };
        let lang = localStorage.getItem("landkit_lang") || "zh";
        const t = (k) => T[lang][k] || k;
        let token = localStorage.getItem("landkit_token");
        let account = JSON.parse(localStorage.getItem("landkit_account") || "null");

        function el(tag, attrs, ...children) {
          const e = document.createElement(tag);
          for (const [k, v] of Object.entries(attrs || {})) {
            if (v === undefined || v === null || v === false) continue;
            if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? "" : v);
          }
          for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
          return e;
        }
        const main = () => document.getElementById("main");
        function show(...nodes) { main().replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined)); }
        function toast(text) {
          const b = document.getElementById("toast"); b.textContent = text; b.hidden = false;
          clearTimeout(toast.timer); toast.timer = setTimeout(() => { b.hidden = true; }, 3000);
        }

        async function api(method, path, body) {
          const headers = { "Accept": "application/json" };
          if (token) headers["Authorization"] = "Bearer " + token;
          if (body !== undefined) headers["Content-Type"] = "application/json";
          const r = await fetch("/api/v1" + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
          let json = null;
          try { json = await r.json(); } catch (_) { json = null; }
          if (r.status === 401 && path !== "/session") { logout(false); }
          return { status: r.status, json };
        }
        const errorText = (res) => (res.json && res.json.error && res.json.error.message) || ("HTTP " + res.status);

        // --- Offline queue (IndexedDB: pending updates in order, conflicts until dismissed) ---
        let dbPromise = null;
        function db() {
          if (!dbPromise) dbPromise = new Promise((resolve, reject) => {
            const r = indexedDB.open("landkit", 1);
            r.onupgradeneeded = () => {
              r.result.createObjectStore("pending", { keyPath: "key", autoIncrement: true });
              r.result.createObjectStore("conflicts", { keyPath: "key", autoIncrement: true });
            };
            r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error);
          });
          return dbPromise;
        }
        async function store(name, mode, fn) {
          const d = await db();
          return new Promise((resolve, reject) => {
            const tx = d.transaction(name, mode); const s = tx.objectStore(name); let out;
            const req = fn(s); if (req) req.onsuccess = () => { out = req.result; };
            tx.oncomplete = () => resolve(out); tx.onerror = () => reject(tx.error);
          });
        }
        const all = (name) => store(name, "readonly", (s) => s.getAll());
        const put = (name, v) => store(name, "readwrite", (s) => s.add(v));
        const del = (name, key) => store(name, "readwrite", (s) => s.delete(key));

        let flushing = false;
        async function flush() {
          if (flushing || !token) return;
          flushing = true;
          try {
            for (const p of await all("pending")) {
              let res;
              try { res = await api("POST", "/status", p.update); } catch (_) { break; }  // still offline: keep it
              if (res.status === 401) break;
              if (res.status === 201 || res.status === 200) { await del("pending", p.key); toast(t("sent") + ": " + p.update.id); continue; }
              if (res.status >= 500) break;
              await put("conflicts", { update: p.update, message: errorText(res), status: res.status });
              await del("pending", p.key);
            }
          } finally { flushing = false; await syncBadge(); }
        }
        async function syncBadge() {
          const [p, c] = [await all("pending"), await all("conflicts")];
          const b = document.getElementById("sync");
          b.hidden = p.length === 0 && c.length === 0;
          b.className = c.length ? "" : (p.length ? "" : "ok");
          b.textContent = (p.length ? p.length + " " + t("pending") : "") + (c.length ? " " + c.length + " " + t("conflicts") : "");
        }
        async function record(update, label) {
          update.at = new Date().toISOString();   // when it happened, kept if it has to wait for the network
          await put("pending", { update });
          let res;
          try { res = await api("POST", "/status", update); } catch (_) {
            toast(t("queued")); await syncBadge();
            const line = el("div", { class: "card queued", id: "queued" }, t("pending") + ": " + (label || update.action) + " · " + new Date(update.at).toLocaleTimeString());
            main().insertBefore(line, main().children[2] || null);
            return "offline";
          }
          const pending = await all("pending");
          const mine = pending.find((p) => p.update.at === update.at && p.update.id === update.id && p.update.action === update.action);
          if (mine && (res.status === 201 || res.status === 200)) { await del("pending", mine.key); toast(t("sent")); await syncBadge(); return true; }
          if (mine && res.status >= 400 && res.status < 500 && res.status !== 401) {
            await del("pending", mine.key); await syncBadge(); alert(errorText(res)); return false;
          }
          await syncBadge(); return false;
        }
        window.addEventListener("online", flush);
        setInterval(flush, 5000);

        // --- Pages ---
        function loginPage(message) {
          const name = el("input", { id: "name", name: "name", autocomplete: "username", required: true });
          const pw = el("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
          const err = el("p", { class: "error", hidden: !message }, message || "");
          show(el("h1", {}, "LandKit · " + t("login")), el("form", { class: "card", id: "login", onsubmit: async (e) => {
            e.preventDefault();
            const res = await api("POST", "/session", { name: name.value, password: pw.value });
            if (res.status === 201) {
              token = res.json.token; account = res.json.account;
              localStorage.setItem("landkit_token", token); localStorage.setItem("landkit_account", JSON.stringify(account));
              location.hash = "#tasks"; route(); flush();
            } else { err.hidden = false; err.textContent = res.status === 401 ? t("wrong") : errorText(res); }
          } }, el("label", { for: "name" }, t("name")), name, el("label", { for: "password" }, t("password")), pw, err,
            el("button", { class: "primary", type: "submit" }, t("login"))));
        }
        function logout(callServer) {
          if (callServer && token) api("DELETE", "/session").catch(() => {});
          token = null; account = null; localStorage.removeItem("landkit_token"); localStorage.removeItem("landkit_account");
          location.hash = "#login"; route();
        }

        function badges(i) {
          return [el("span", { class: "badge stage" }, i.stage_zh),
            i.blocked_reason ? el("span", { class: "badge blocked" }, (i.blocked_reason_zh || i.blocked_reason) + (i.blocked_since ? " " + t("since") + " " + i.blocked_since.slice(0, 10) : "")) : null,
            i.deferred ? el("span", { class: "badge deferred" }, t("deferred")) : null,
            i.out_of_zone ? el("span", { class: "badge" }, t("outOfZone")) : null];
        }

        async function conflictCards() {
          const cs = await all("conflicts");
          return cs.map((c) => el("div", { class: "card conflict" }, el("div", {}, c.update.entity + " " + c.update.id + " · " + c.update.action + (c.update.stage ? " → " + c.update.stage : "")),
            el("div", { class: "error" }, c.message), el("div", { class: "muted" }, c.update.at),
            el("button", { class: "secondary", type: "button", onclick: async () => { await del("conflicts", c.key); await syncBadge(); route(); } }, t("dismiss"))));
        }

        async function tasksPage() {
          show(el("p", { class: "muted" }, t("loading")));
          const res = await api("GET", "/projects");
          if (res.status !== 200) { show(el("p", { class: "error" }, errorText(res))); return; }
          const cards = res.json.map((p) => el("a", { class: "card", href: "#project/" + encodeURIComponent(p.id), "data-project": p.id },
            el("div", { class: "row" }, el("strong", {}, p.name), el("span", { class: "muted" }, p.kind_zh)),
            el("div", {}, el("span", { class: "badge" }, p.open_items + " " + t("open")), p.blocked_items ? el("span", { class: "badge blocked" }, p.blocked_items + " " + t("blocked")) : null)));
          const extra = account && account.role !== "team" ? el("p", {}, el("a", { href: "/", id: "dashboard-link" }, t("dashboard") + " →")) : null;
          show(el("h1", {}, t("tasks")), ...(await conflictCards()), extra, ...(cards.length ? cards : [el("p", { class: "muted" }, t("none"))]));
        }

        async function projectPage(projectID, filter) {
          show(el("p", { class: "muted" }, t("loading")));
          const res = await api("GET", "/projects/" + encodeURIComponent(projectID) + "/items?open=true" + (filter === "blocked" ? "&blocked=true" : ""));
          if (res.status !== 200) { show(el("p", { class: "error" }, errorText(res))); return; }
          const chips = el("div", { class: "filters" },
            el("button", { class: "secondary", type: "button", "aria-pressed": filter !== "blocked" ? "true" : "false", onclick: () => safely(() => projectPage(projectID, "all")) }, t("all")),
            el("button", { class: "secondary", type: "button", "aria-pressed": filter === "blocked" ? "true" : "false", onclick: () => safely(() => projectPage(projectID, "blocked")) }, t("blocked")));
          const rows = res.json.slice(0, 500).map((i) => el("a", { class: "card item", href: "#item/" + i.entity + "/" + encodeURIComponent(i.id) + "/" + encodeURIComponent(i.project), "data-item": i.entity + " " + i.id },
            el("div", { class: "row" }, el("strong", {}, i.id), el("span", { class: "muted" }, i.label || "")), el("div", {}, badges(i))));
          show(el("p", {}, el("a", { href: "#tasks" }, "← " + t("back"))), el("h1", {}, projectID), chips,
            el("p", { class: "muted" }, res.json.length + " " + t("items")), ...(rows.length ? rows : [el("p", { class: "muted" }, t("none"))]));
        }

        function ask(title, withReason, reasons, noteRequired, onOK) {
          const note = el("textarea", { id: "note", name: "note", required: noteRequired });
          const reason = withReason ? el("select", { id: "reason", name: "reason" }, reasons.map((r) => el("option", { value: r.code }, r.zh + " (" + r.code + ")"))) : null;
          const err = el("p", { class: "error", hidden: true });
          const d = el("dialog", { id: "ask" });
          d.append(el("form", { method: "dialog", onsubmit: (e) => {
            e.preventDefault();
            if (noteRequired && !note.value.trim()) { err.hidden = false; err.textContent = t("noteRequired"); return; }
            d.close(); d.remove(); onOK({ note: note.value.trim() || undefined, reason: reason ? reason.value : undefined });
          } }, el("h2", {}, title), withReason ? [el("label", { for: "reason" }, t("reason")), reason] : null,
            el("label", { for: "note" }, t("note") + (noteRequired ? " *" : "")), note, err,
            el("button", { class: "primary", type: "submit", id: "confirm" }, t("save")),
            el("button", { class: "secondary", type: "button", onclick: () => { d.close(); d.remove(); } }, t("cancel"))));
          document.body.append(d); d.showModal();
        }

        async function itemPage(entity, id, projectID) { return safely(() => itemPageInner(entity, id, projectID)); }
        async function itemPageInner(entity, id, projectID) {
          show(el("p", { class: "muted" }, t("loading")));
          const path = "/items/" + entity + "/" + encodeURIComponent(id) + "?project=" + encodeURIComponent(projectID);
          const res = await api("GET", path);
          if (res.status !== 200) { show(el("p", { class: "error" }, errorText(res))); return; }
          const { item, history, actions } = res.json;
          const zh = lang === "zh";
          const base = { entity, id, project: projectID };
          const again = () => itemPage(entity, id, projectID);
          const buttons = [];
          if (actions.can_set) buttons.push(el("button", { class: "action", type: "button", id: "next", onclick: () =>
            ask(t("next") + " " + actions.next_stage_zh, false, [], false, async (a) => { (await record({ ...base, action: "set", stage: actions.next_stage, note: a.note }, t("next") + " " + actions.next_stage_zh)) !== "offline" && again(); }) },
            t("next") + "：" + actions.next_stage_zh));
          if (actions.can_block) buttons.push(el("button", { class: "action block", type: "button", id: "block", onclick: () =>
            ask(t("block"), true, actions.reasons, false, async (a) => { (await record({ ...base, action: "block", reason: a.reason, note: a.note }, t("block"))) !== "offline" && again(); }) }, t("block")));
          if (actions.can_unblock) buttons.push(el("button", { class: "action unblock", type: "button", id: "unblock", onclick: () =>
            ask(t("unblock"), false, [], false, async (a) => { (await record({ ...base, action: "unblock", note: a.note }, t("unblock"))) !== "offline" && again(); }) }, t("unblock")));
          if (actions.can_defer) buttons.push(el("button", { class: "action defer", type: "button", id: "defer", onclick: () =>
            ask(t("defer"), false, [], actions.defer_needs_note, async (a) => { (await record({ ...base, action: "defer", note: a.note }, t("defer"))) !== "offline" && again(); }) }, t("defer")));
          const events = history.slice().reverse().map((e) => el("li", {},
            el("div", {}, e.action === "set" ? (zh ? (e.from_zh || "") + " → " + (e.to_zh || "") : (e.from || "") + " → " + (e.to || ""))
              : (ACTIONS[lang][e.action] || e.action) + (e.reason ? " (" + (zh ? e.reason_zh : e.reason) + ")" : "")),
            el("div", { class: "muted" }, (e.at_local || e.at) + " · " + (e.by || "")), e.note ? el("div", { class: "note" }, e.note) : null));
          show(el("p", {}, el("a", { href: "#project/" + encodeURIComponent(projectID) }, "← " + projectID)),
            el("h1", {}, (entity === "parcel" ? "地块 " : entity === "household" ? "房屋 " : "杆线 ") + id),
            el("div", { class: "card" }, el("div", { class: "muted" }, item.label || ""), el("div", { id: "stage" }, badges(item)),
              item.overlap_mu != null ? el("div", { class: "muted" }, item.overlap_mu.toFixed(2) + " 亩") : null,
              item.team ? el("div", { class: "muted" }, t("team") + ": " + item.team) : null),
            ...buttons,
            el("h2", {}, t("history")), el("ol", { class: "history" }, events),
            el("h2", {}, t("map")), el("div", { class: "map" }, el("img", { alt: t("map"), loading: "lazy",
              src: "/api/v1/projects/" + encodeURIComponent(projectID) + "/map.svg?highlight=" + entity + ":" + encodeURIComponent(id) })));
        }

        /// Runs a page; a page that cannot reach the server says so (updates made meanwhile wait in the queue).
        async function safely(page) {
          try { await page(); } catch (e) { show(el("p", { class: "error", id: "offline" }, t("offline")), ...(await conflictCards())); }
        }

        function route() {
          document.getElementById("lang").textContent = lang === "zh" ? "EN" : "中文";
          document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
          const out = document.getElementById("logout"); out.textContent = t("logout"); out.hidden = !token;
          document.getElementById("who").textContent = account ? account.name + " · " + (account.team_name || account.role_zh) : "";
          if (!token) { loginPage(); return; }
          const parts = location.hash.slice(1).split("/").map(decodeURIComponent);
          if (parts[0] === "item" && parts.length === 4) itemPage(parts[1], parts[2], parts[3]);
          else if (parts[0] === "project" && parts.length === 2) safely(() => projectPage(parts[1], "all"));
          else safely(tasksPage);
          syncBadge();
        }
        window.addEventListener("hashchange", route);
        document.addEventListener("DOMContentLoaded", () => {
          document.getElementById("lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; localStorage.setItem("landkit_lang", lang); route(); });
          document.getElementById("logout").addEventListener("click", () => logout(true));
          route(); flush();
        });
        """#
}
