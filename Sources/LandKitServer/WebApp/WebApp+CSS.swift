extension WebApp {
    static let css = #"""
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1f2937; background: #f3f4f6; }
        header#bar { position: sticky; top: 0; display: flex; gap: 8px; align-items: center; padding: 10px 12px; background: #1e3a5f; color: #fff; z-index: 2; }
        header#bar a { color: #fff; font-weight: 600; text-decoration: none; }
        #who { flex: 1; font-size: 14px; opacity: .9; }
        #sync { font-size: 13px; background: #b45309; padding: 2px 8px; border-radius: 10px; }
        #sync.ok { background: #15803d; }
        header button { background: transparent; color: #fff; border: 1px solid #fff8; border-radius: 6px; padding: 4px 8px; font-size: 13px; }
        main { padding: 12px; max-width: 720px; margin: 0 auto; }
        h1 { font-size: 20px; margin: 8px 0 12px; }
        h2 { font-size: 17px; margin: 18px 0 8px; }
        .card { background: #fff; border-radius: 10px; padding: 12px; margin: 0 0 10px; box-shadow: 0 1px 2px #0002; }
        a.card { display: block; color: inherit; text-decoration: none; }
        .row { display: flex; justify-content: space-between; gap: 8px; align-items: baseline; }
        .muted { color: #6b7280; font-size: 14px; }
        .badge { display: inline-block; font-size: 13px; padding: 1px 8px; border-radius: 10px; background: #e5e7eb; margin-right: 4px; }
        .badge.blocked { background: #fee2e2; color: #991b1b; }
        .badge.stage { background: #dbeafe; color: #1e40af; }
        .badge.deferred { background: #fef3c7; color: #92400e; }
        form label { display: block; margin: 10px 0 4px; font-size: 14px; }
        input, select, textarea { width: 100%; font: inherit; padding: 10px; border: 1px solid #cbd5e1; border-radius: 8px; background: #fff; }
        textarea { min-height: 72px; }
        button.primary, button.action { display: block; width: 100%; margin: 8px 0; padding: 12px; font: inherit; font-weight: 600; border: 0; border-radius: 8px; color: #fff; background: #1d4ed8; }
        button.action.block { background: #b91c1c; }
        button.action.unblock { background: #047857; }
        button.action.defer { background: #b45309; }
        button.secondary { padding: 8px 12px; font: inherit; border: 1px solid #cbd5e1; background: #fff; border-radius: 8px; }
        .filters { display: flex; gap: 6px; margin-bottom: 10px; }
        .filters button[aria-pressed="true"] { background: #1e3a5f; color: #fff; }
        ol.history { list-style: none; padding: 0; margin: 0; }
        ol.history li { border-left: 3px solid #93c5fd; padding: 4px 0 8px 10px; margin-left: 4px; }
        .map img { width: 100%; height: auto; background: #fff; border-radius: 8px; }
        .error { color: #991b1b; background: #fee2e2; padding: 8px 10px; border-radius: 8px; }
        .conflict { border-left: 4px solid #b91c1c; }
        #toast { position: fixed; left: 12px; right: 12px; bottom: 16px; background: #111827; color: #fff; padding: 12px; border-radius: 10px; text-align: center; z-index: 3; }
        dialog { width: min(96vw, 480px); border: 0; border-radius: 12px; padding: 16px; }
        dialog::backdrop { background: #0006; }
        """#
}
