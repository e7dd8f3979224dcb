/// The report's style sheet, inlined in every page (no resource bundle, no network): light and
/// dark colours (`prefers-color-scheme`), a sticky contents column on wide screens, print rules.
enum ReportStyle {
    static let css = """
    :root{--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--soft:#f6f8fa;--code-bg:#f6f8fa;
    --accent:#0969da;--ok:#1a7f37;--ok-bg:#dafbe1;--bad:#cf222e;--bad-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;
    --skip:#59636e;--skip-bg:#eaeef2;--stderr-bg:#fff5f5;--stderr-fg:#a40e26;
    --kw:#cf222e;--str:#0a3069;--com:#59636e;--num:#0550ae;--type:#8250df;--attr:#953800;--dir:#953800;--fn:#6639ba;--lit:#0550ae;
    --grid:#e4e8ec;--axis:#8c959f;color-scheme:light dark}
    @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;--soft:#151b23;
    --code-bg:#151b23;--accent:#4493f8;--ok:#3fb950;--ok-bg:#12261e;--bad:#f85149;--bad-bg:#2d1214;--warn:#d29922;
    --warn-bg:#272115;--skip:#9198a1;--skip-bg:#212830;--stderr-bg:#21141a;--stderr-fg:#ff9492;
    --kw:#ff7b72;--str:#a5d6ff;--com:#9198a1;--num:#79c0ff;--type:#d2a8ff;--attr:#ffa657;--dir:#ffa657;--fn:#d2a8ff;
    --lit:#79c0ff;--grid:#262c36;--axis:#656c76}}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI",
    "Noto Sans",Helvetica,Arial,sans-serif}
    a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
    code,pre,kbd,samp{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:13.5px}
    .layout{display:grid;grid-template-columns:minmax(0,1fr);max-width:1040px;margin:0 auto;padding:24px 20px 60px}
    @media (min-width:1280px){.layout{grid-template-columns:240px minmax(0,1fr);max-width:1300px;gap:36px}
    .layout.no-toc{grid-template-columns:minmax(0,1fr);max-width:1040px}
    .toc{position:sticky;top:16px;align-self:start;max-height:calc(100vh - 32px);overflow:auto}}
    .toc{font-size:14px;margin-bottom:16px}.toc summary{font-weight:600;cursor:pointer;color:var(--muted)}
    .toc ul{list-style:none;margin:8px 0 0;padding:0}.toc li{margin:2px 0;line-height:1.35}
    .toc li.toc-1{padding-left:14px}.toc li.toc-2{padding-left:28px;font-size:13px}
    .toc a{color:var(--fg)}.toc a:hover{color:var(--accent)}
    main{min-width:0}
    .report-header{border-bottom:1px solid var(--border);padding-bottom:12px;margin-bottom:20px}
    .report-title{font-size:2em;margin:0 0 6px;line-height:1.25}
    .run-meta{color:var(--muted);font-size:14px;display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center}
    .pill{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12.5px;font-weight:600}
    .pill.ok{background:var(--ok-bg);color:var(--ok)}.pill.failed{background:var(--bad-bg);color:var(--bad)}
    .pill.cached{background:var(--skip-bg);color:var(--skip)}
    table.params{border-collapse:collapse;font-size:14px;margin:10px 0 0}
    table.params th,table.params td{border:1px solid var(--border);padding:3px 10px;text-align:left}
    table.params th{background:var(--soft);font-weight:600}
    .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.muted{color:var(--muted)}
    .failure-banner{border:1px solid var(--bad);background:var(--bad-bg);border-radius:8px;padding:12px 16px;margin:0 0 24px}
    .failure-banner strong{color:var(--bad)}.failure-banner ul{margin:6px 0 0;padding-left:20px}
    .failure-banner .kind{font-weight:600}.failure-banner .loc{color:var(--muted);font-family:ui-monospace,monospace;font-size:13px}
    .prose h1,.prose h2,.prose h3,.prose h4{line-height:1.25;margin:1.6em 0 .6em;position:relative}
    .prose h1{font-size:1.9em;border-bottom:1px solid var(--border);padding-bottom:.25em}
    .prose h2{font-size:1.5em;border-bottom:1px solid var(--border);padding-bottom:.25em}.prose h3{font-size:1.25em}
    .heading-anchor{margin-left:8px;color:var(--muted);opacity:0;font-weight:400}
    h1:hover .heading-anchor,h2:hover .heading-anchor,h3:hover .heading-anchor,h4:hover .heading-anchor{opacity:1}
    .prose img{max-width:100%;height:auto}.prose blockquote{margin:0;padding:0 1em;color:var(--muted);border-left:4px solid var(--border)}
    .prose code{background:var(--code-bg);padding:.15em .35em;border-radius:5px}
    .prose pre{background:var(--code-bg);padding:12px 14px;border-radius:8px;overflow:auto}.prose pre code{padding:0;background:none}
    .prose table{border-collapse:collapse;margin:12px 0;display:block;overflow:auto}
    .prose th,.prose td{border:1px solid var(--border);padding:5px 12px}.prose th{background:var(--soft)}
    .prose kbd{border:1px solid var(--border);border-bottom-width:2px;border-radius:5px;padding:0 5px;background:var(--soft);font-size:12px}
    .prose details{border:1px solid var(--border);border-radius:8px;padding:6px 12px;margin:12px 0}
    .prose summary{cursor:pointer;font-weight:600}
    .prose .markdown-alert{padding:.5em 1em;margin:12px 0;border-left:4px solid var(--alert,#0969da)}
    .prose .markdown-alert-title{font-weight:600;color:var(--alert,#0969da);margin:0 0 .3em}
    .prose .markdown-alert-tip{--alert:#1a7f37}.prose .markdown-alert-important{--alert:#8250df}
    .prose .markdown-alert-warning{--alert:#9a6700}.prose .markdown-alert-caution{--alert:#cf222e}
    .prose li:has(>input[type=checkbox]),.prose li:has(>p>input[type=checkbox]){list-style:none}
    .prose input[type=checkbox]{margin:0 .3em 0 -1.3em;vertical-align:middle}
    .prose .footnotes{font-size:.9em;color:var(--muted);border-top:1px solid var(--border);margin-top:1.5em}
    .prose math[display=block]{margin:.8em 0;font-size:1.1em;overflow-x:auto;overflow-y:hidden}
    math{font-family:"Latin Modern Math","STIX Two Math","Cambria Math",math}
    .math-error{color:var(--bad);font-family:ui-monospace,monospace;font-size:.9em}
    .missing-image{display:inline-block;border:1px dashed var(--bad);color:var(--bad);border-radius:6px;padding:4px 10px;font-size:14px}
    .missing-marker{font-weight:600;margin-right:8px}.missing-marker::before{content:"⚠ "}
    .cell{margin:18px 0;scroll-margin-top:16px}
    .cell-head{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px;font-size:12.5px;color:var(--muted);margin-bottom:4px}
    .prompt{font-family:ui-monospace,monospace;color:var(--accent);font-size:12.5px}.prompt.out{color:var(--bad);display:block;margin-bottom:2px}
    .badge{border-radius:999px;padding:0 8px;font-weight:600;font-size:11.5px;border:1px solid transparent}
    .badge.ok{background:var(--ok-bg);color:var(--ok)}.badge.failed{background:var(--bad-bg);color:var(--bad);border-color:var(--bad)}
    .badge.expected-failure{background:var(--warn-bg);color:var(--warn)}
    .badge.not-run,.badge.skipped,.badge.not-swift{background:var(--skip-bg);color:var(--skip)}
    .cell-link{margin-left:auto;color:var(--muted);font-family:ui-monospace,monospace}
    .cell-label{font-family:ui-monospace,monospace}
    .code{position:relative;border:1px solid var(--border);border-radius:8px;background:var(--code-bg);overflow:hidden}
    .cell.failed .code{border-color:var(--bad)}
    .code-bar{display:flex;justify-content:space-between;align-items:center;padding:2px 6px 0 12px;font-size:11.5px;color:var(--muted)}
    .code pre{margin:0;padding:4px 14px 12px;overflow:auto;line-height:1.45}
    button.copy{font:inherit;font-size:11.5px;border:1px solid var(--border);background:var(--bg);color:var(--muted);
    border-radius:6px;padding:1px 8px;cursor:pointer;opacity:.75}button.copy:hover{opacity:1;color:var(--fg)}
    code .kw{color:var(--kw)}code .str{color:var(--str)}code .com{color:var(--com);font-style:italic}
    code .num{color:var(--num)}code .type{color:var(--type)}code .attr{color:var(--attr)}code .dir{color:var(--dir)}
    code .fn{color:var(--fn)}code .lit{color:var(--lit)}code .interp{color:var(--kw)}
    .outputs{margin:6px 0 0 0;padding-left:12px;border-left:3px solid var(--border)}
    .output{margin:6px 0}
    pre.output-text{margin:0;padding:6px 10px;white-space:pre-wrap;word-break:break-word;overflow-wrap:anywhere;line-height:1.4;font-size:13px}
    .stderr pre.output-text,pre.output-text.stderr{background:var(--stderr-bg);color:var(--stderr-fg);border-radius:6px}
    pre.output-text.value{background:var(--soft);border-radius:6px}
    details.long-output>summary{cursor:pointer;color:var(--muted);font-size:12.5px}
    details.long-output .scroll{max-height:32em;overflow:auto;border:1px solid var(--border);border-radius:6px}
    .notice{font-size:13px;color:var(--warn);background:var(--warn-bg);border-radius:6px;padding:4px 10px;margin:4px 0}
    .notice.not-run{color:var(--skip);background:var(--skip-bg)}
    .result-value{overflow-x:auto}
    .progress-output{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;font-size:13px;font-family:ui-monospace,monospace}
    .progress-label{font-weight:600}.progress-output progress{width:180px}.metric-name{color:var(--muted)}
    .diagnostics{list-style:none;margin:6px 0;padding:0;font-size:13px;font-family:ui-monospace,monospace}
    .diag{margin:3px 0;padding:4px 10px;border-radius:6px;background:var(--soft)}
    .diag .sev{font-weight:700;margin-right:8px}.diag .loc{color:var(--muted);margin-right:8px}
    .diag.error .sev{color:var(--bad)}.diag.warning .sev{color:var(--warn)}.diag.note .sev{color:var(--muted)}
    .diag .notes{list-style:none;padding-left:18px;margin:2px 0}
    .failure{border:1px solid var(--bad);background:var(--bad-bg);border-radius:8px;padding:8px 12px;margin:8px 0}
    .failure.expected{border-color:var(--warn);background:var(--warn-bg)}
    .failure-head{font-size:14px}.failure-head strong{color:var(--bad)}.failure.expected .failure-head strong{color:var(--warn)}
    .failure .loc{font-family:ui-monospace,monospace;font-size:13px}
    .failure-message{margin:6px 0 0;white-space:pre-wrap;word-break:break-word;font-size:13px}
    .table-output{overflow-x:auto;max-width:100%}
    .table-output table{border-collapse:collapse;font-size:13.5px;font-variant-numeric:tabular-nums}
    .table-output caption{caption-side:top;text-align:left;font-weight:600;padding:4px 0;color:var(--fg)}
    .table-output th,.table-output td{border:1px solid var(--border);padding:3px 10px;text-align:left}
    .table-output th{background:var(--soft)}.table-output td.numeric{text-align:right}
    .table-output tbody tr:nth-child(even){background:var(--soft)}
    figure.chart-output{margin:4px 0;overflow-x:auto}
    svg.chart{max-width:100%;height:auto;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;
    font-size:12px;display:block}
    svg.chart text{fill:var(--fg)}svg.chart .tick-label{fill:var(--muted);font-size:11px}
    svg.heatmap .tick-label{fill:var(--fg)}
    svg.chart .chart-title{font-weight:600;font-size:14px}svg.chart .axis-label{font-size:12.5px}
    svg.chart .legend-label{font-size:12px}svg.chart .bar-value{font-size:10.5px;fill:var(--muted)}
    svg.chart .grid{stroke:var(--grid);stroke-width:1}svg.chart .axis{stroke:var(--axis);stroke-width:1}
    svg.chart .hm-cell{stroke:var(--bg);stroke-width:.5}svg.chart .hm-missing{fill:var(--soft);stroke:var(--border);stroke-width:.5}
    svg.chart text.hm-value{pointer-events:none}svg.chart text.on-dark{fill:#fff}svg.chart text.on-light{fill:#111}svg.chart .legend-bar{stroke:var(--border)}
    .chart-empty{color:var(--muted);font-style:italic}
    .panels{margin:6px 0}.panels-title{font-weight:600;margin-bottom:4px}
    .panel-grid{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
    .panel{flex:0 1 auto;min-width:0;max-width:100%;border:1px solid var(--border);border-radius:8px;padding:6px}
    footer.report-footer{margin-top:48px;padding-top:12px;border-top:1px solid var(--border);color:var(--muted);font-size:13px}
    @media print{body{font-size:11pt;background:#fff;color:#000}.layout{display:block;max-width:none;padding:0}
    .toc{position:static;max-height:none;overflow:visible;break-after:page}
    button.copy,.heading-anchor{display:none}
    details.long-output .scroll{max-height:none;overflow:visible;border:none}
    .code pre,pre.output-text{white-space:pre-wrap;word-break:break-word;overflow:visible}
    .cell,.chart-output,.table-output,.panel{break-inside:avoid}figure.chart-output,.table-output,.result-value{overflow:visible}
    a{color:inherit}}
    """
}
