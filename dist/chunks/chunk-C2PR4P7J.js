import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  microsFromIso
} from "./chunk-AOIPOV6R.js";

// src/core/render/report-html.ts
var COLORS = {
  success: "#2da44e",
  fail: "#cf222e",
  uxsuccess: "#cf222e",
  skip: "#8c959f",
  xfail: "#4b9b6b",
  exists: "#b1bac4",
  inprogress: "#bf8700",
  unknown: "#bf8700"
};
var KIND_ORDER = ["regression", "never-finished", "new", "still-failing", "flaky", "fix", "skip-change", "removed", "slower", "faster"];
var KIND_LABEL = {
  regression: "Regression",
  "never-finished": "Never finished",
  new: "New",
  "still-failing": "Still failing",
  flaky: "Flaky",
  fix: "Fixed",
  "skip-change": "Skip changed",
  removed: "Removed",
  slower: "Slower",
  faster: "Faster"
};
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
function fmtSeconds(s) {
  if (s === null) return "\u2013";
  if (s === 0) return "0 s";
  if (s < 1) return `${Math.round(s * 1e3)} ms`;
  if (s < 120) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
function shortName(name) {
  const parts = name.split(".");
  return parts.length > 2 ? parts.slice(-2).join(".") : name;
}
function tiles(results) {
  const c = results.counts;
  const items = [
    ["passed", c.success + c.xfail, COLORS.success],
    ["failed", c.fail + c.uxsuccess, COLORS.fail],
    ["skipped", c.skip, COLORS.skip],
    ["never finished", c.inprogress + c.unknown, COLORS.inprogress]
  ];
  return `<div class="tiles">${items.map(
    ([label, n, color]) => `<div class="tile" data-count="${escapeHtml(label)}"><span class="n" style="color:${color}">${n}</span><span class="l">${escapeHtml(label)}</span></div>`
  ).join("")}</div>`;
}
function outcomePill(o) {
  if (o === null) return '<span class="pill none">\u2013</span>';
  return `<span class="pill ${escapeHtml(o)}">${escapeHtml(o)}</span>`;
}
function diffSection(diff, results) {
  const ranFor = /* @__PURE__ */ new Map();
  for (const t of results.tests) if (t.duration !== null) ranFor.set(t.name, t.duration);
  const byKind = /* @__PURE__ */ new Map();
  const all = [
    ...diff.regressions,
    ...diff.neverFinished,
    ...diff.newFailing,
    ...diff.stillFailing,
    ...diff.flaky,
    ...diff.fixes,
    ...diff.skipChanges,
    ...diff.added,
    ...diff.removed,
    ...diff.durations
  ];
  for (const ch of all) {
    const list = byKind.get(ch.kind) ?? [];
    list.push(ch);
    byKind.set(ch.kind, list);
  }
  const rows = [];
  for (const kind of KIND_ORDER) {
    for (const ch of byKind.get(kind) ?? []) {
      const dur = kind === "slower" || kind === "faster" ? `${fmtSeconds(ch.durationBefore)} \u2192 ${fmtSeconds(ch.durationAfter)}` : fmtSeconds(ch.durationAfter ?? ranFor.get(ch.name) ?? ch.durationBefore);
      const known = ch.known ? ` <a class="known" href="${escapeHtml(ch.known.bug)}">known: ${escapeHtml(ch.known.bug)}</a>` : "";
      const renamed = ch.renamedFrom ? `<div class="renamed">was ${escapeHtml(ch.renamedFrom)}</div>` : "";
      rows.push(
        `<tr class="change ${escapeHtml(kind)}" data-kind="${escapeHtml(kind)}" data-name="${escapeHtml(ch.name)}"><td><span class="kind ${escapeHtml(kind)}">${escapeHtml(KIND_LABEL[kind])}</span></td><td class="name" title="${escapeHtml(ch.name)}">${escapeHtml(shortName(ch.name))}${renamed}${known}</td><td>${outcomePill(ch.before)} \u2192 ${outcomePill(ch.after)}</td><td class="dur">${escapeHtml(dur)}</td></tr>`
      );
    }
  }
  const summary = KIND_ORDER.filter((k) => byKind.has(k)).map((k) => `<span class="kind ${escapeHtml(k)}">${escapeHtml(KIND_LABEL[k])}: ${byKind.get(k)?.length ?? 0}</span>`).join(" ");
  if (rows.length === 0) return '<section id="diff"><h2>Against the baseline</h2><p class="same">Same outcome as the baseline for every test.</p></section>';
  return `<section id="diff"><h2>Against the baseline</h2><p class="kinds">${summary}</p><table class="changes"><thead><tr><th>change</th><th>test</th><th>baseline \u2192 now</th><th>duration</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}
function timeline(results, maxBars) {
  const timed = results.tests.filter((t) => t.start !== null);
  if (timed.length === 0) return '<section id="timeline"><h2>Timeline</h2><p>No timestamps in this run.</p></section>';
  const chosen = timed.length > maxBars ? [...timed].sort((a, b) => (b.duration ?? 0) - (a.duration ?? 0)).slice(0, maxBars) : timed;
  const t0 = microsFromIso(results.start ?? chosen[0]?.start);
  const workers = [...new Set(chosen.map((t) => t.worker ?? "no worker"))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const bars = chosen.map((t) => {
    const start = (microsFromIso(t.start) - t0) / 1e6;
    const stop = t.stop === null ? start : (microsFromIso(t.stop) - t0) / 1e6;
    return { test: t, lane: workers.indexOf(t.worker ?? "no worker"), start, stop: Math.max(stop, start) };
  });
  const span = Math.max(1e-3, ...bars.map((b) => b.stop));
  const laneH = 22;
  const left = 90;
  const width = 1e3;
  const plotW = width - left - 10;
  const height = workers.length * laneH + 30;
  const x = (s) => left + s / span * plotW;
  const ticks = [];
  const step = niceStep(span / 8);
  for (let s = 0; s <= span + 1e-9; s += step) {
    ticks.push(
      `<line x1="${x(s).toFixed(1)}" x2="${x(s).toFixed(1)}" y1="0" y2="${height - 20}" class="grid"/><text x="${x(s).toFixed(1)}" y="${height - 6}" class="tick">${escapeHtml(fmtSeconds(s))}</text>`
    );
  }
  const lanes = workers.map((w, i) => `<text x="4" y="${i * laneH + 15}" class="lane">${escapeHtml(w)}</text>`).join("");
  const rects = bars.map((b) => {
    const w = Math.max(1.5, x(b.stop) - x(b.start));
    const label = `${b.test.id} \u2014 ${b.test.status}, ${fmtSeconds(b.test.duration)}`;
    return `<rect class="bar ${escapeHtml(b.test.status)}" data-status="${escapeHtml(b.test.status)}" data-t0="${b.start.toFixed(3)}" data-t1="${b.stop.toFixed(3)}" x="${x(b.start).toFixed(1)}" y="${b.lane * laneH + 3}" width="${w.toFixed(1)}" height="${laneH - 6}" fill="${COLORS[b.test.status]}"><title>${escapeHtml(label)}</title></rect>`;
  }).join("");
  const note = timed.length > maxBars ? `<p class="note">Showing the ${maxBars} longest of ${timed.length} tests.</p>` : "";
  const zoom = '<p class="zoom" hidden><button type="button" data-zoom="in">Zoom in</button> <button type="button" data-zoom="out">Zoom out</button> <button type="button" data-zoom="reset">Whole run</button> <span class="window"></span> <span class="note">Drag across the timeline to zoom into that time.</span></p>';
  return `<section id="timeline"><h2>Timeline</h2><p class="note">Each bar is a test on its worker; hover for its name. Red: failed, grey: skipped, amber: never finished.</p>${note}${zoom}<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Timeline of ${bars.length} tests on ${workers.length} workers" data-span="${span.toFixed(3)}" data-left="${left}" data-plot="${plotW}" data-height="${height}"><g class="ticks">${ticks.join("")}</g>${lanes}${rects}<rect class="brush" x="0" y="0" width="0" height="${height - 20}"/></svg></section>`;
}
function niceStep(raw) {
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-6)));
  for (const m of [1, 2, 5, 10]) if (raw <= m * pow) return m * pow;
  return 10 * pow;
}
function failures(results) {
  const bad = results.tests.filter((t) => t.status === "fail" || t.status === "uxsuccess" || t.status === "inprogress" || t.status === "unknown");
  if (bad.length === 0) return "";
  const items = bad.map((t) => {
    const att = t.attachments.find((a) => a.name === "traceback") ?? t.attachments.find((a) => a.name === "reason");
    const body = att && att.text ? `<pre>${escapeHtml(att.text.length > 2e4 ? `\u2026${att.text.slice(-2e4)}` : att.text)}</pre>` : '<p class="note">No traceback in the stream.</p>';
    return `<details class="failure" data-name="${escapeHtml(t.id)}"><summary><span class="pill ${escapeHtml(t.status)}">${escapeHtml(t.status)}</span> ${escapeHtml(t.id)} <span class="dur">${escapeHtml(fmtSeconds(t.duration))}</span></summary>${body}</details>`;
  }).join("");
  return `<section id="failures"><h2>Failures (${bad.length})</h2>${items}</section>`;
}
function damage(results) {
  if (results.damage.length === 0) return "";
  const rows = results.damage.slice(0, 50).map((d) => `<li>byte ${d.offset}${d.line !== void 0 ? ` (line ${d.line})` : ""}: ${escapeHtml(d.message)}</li>`).join("");
  return `<section id="damage"><h2>Damaged input</h2><p>The result file was damaged; every test that could be read is shown.</p><ul>${rows}</ul></section>`;
}
var STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:16px 24px;border-bottom:1px solid #d0d7de}
main{padding:8px 24px 40px;max-width:1100px}
h1{font-size:20px;margin:0}h2{font-size:16px;margin:24px 0 8px}
.sub{color:#57606a;margin-top:2px}
.verdict{display:inline-block;margin-top:8px;padding:4px 10px;border-radius:6px;font-weight:600;color:#fff}
.verdict.pass{background:#2da44e}.verdict.fail{background:#cf222e}
.tiles{display:flex;gap:12px;margin:16px 0}
.tile{border:1px solid #d0d7de;border-radius:8px;padding:8px 14px;min-width:90px}
.tile .n{display:block;font-size:24px;font-weight:700}.tile .l{color:#57606a}
table.changes{border-collapse:collapse;width:100%}
table.changes td,table.changes th{border-bottom:1px solid #eaeef2;padding:4px 6px;text-align:left;vertical-align:top}
td.name{font-family:ui-monospace,monospace;word-break:break-all}
.kind{font-size:12px;padding:1px 6px;border-radius:10px;background:#eaeef2;white-space:nowrap}
.kind.regression,.kind.never-finished{background:#ffebe9;color:#a40e26}
.kind.fix{background:#dafbe1;color:#116329}.kind.flaky{background:#fff8c5;color:#7d4e00}
.pill{font-size:12px;padding:0 6px;border-radius:10px;color:#fff;background:#8c959f}
.pill.pass,.pill.success{background:#2da44e}.pill.fail,.pill.uxsuccess{background:#cf222e}
.pill.unfinished,.pill.inprogress,.pill.unknown{background:#bf8700}.pill.flaky{background:#9a6700}.pill.none{background:#d0d7de}
.renamed,.note{color:#57606a;font-size:12px}
svg .grid{stroke:#eaeef2}svg .tick,svg .lane{font-size:11px;fill:#57606a}
svg .bar:hover{stroke:#1f2328;stroke-width:1}
svg .brush{fill:#0969da;fill-opacity:.15;pointer-events:none}svg.zoomable{cursor:crosshair;user-select:none}
.zoom button{font:inherit;font-size:12px;padding:1px 8px;border:1px solid #d0d7de;border-radius:6px;background:#f6f8fa;cursor:pointer}
.zoom .window{font-size:12px;font-variant-numeric:tabular-nums}
details.failure{border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:4px 8px}
details.failure summary{cursor:pointer;font-family:ui-monospace,monospace;word-break:break-all}
pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:420px;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere}
#filter{padding:4px 8px;width:320px;border:1px solid #d0d7de;border-radius:6px}
.hidden{display:none}
`;
var SCRIPT = `
(function () {
  var svg = document.querySelector('#timeline svg');
  var bar = document.querySelector('#timeline .zoom');
  if (!svg || !bar) return;
  var NS = 'http://www.w3.org/2000/svg';
  var span = +svg.dataset.span, left = +svg.dataset.left, plot = +svg.dataset.plot, h = +svg.dataset.height;
  var rects = svg.querySelectorAll('rect.bar'), ticks = svg.querySelector('g.ticks'), brush = svg.querySelector('rect.brush');
  var label = bar.querySelector('.window');
  var a = 0, b = span;
  var fmt = (${fmtSeconds.toString()});
  var nice = (${niceStep.toString()});
  function x(s) { return left + ((s - a) / (b - a)) * plot; }
  function draw() {
    rects.forEach(function (r) {
      var t0 = +r.dataset.t0, t1 = +r.dataset.t1;
      var out = t1 < a || t0 > b;
      r.style.display = out ? 'none' : '';
      if (out) return;
      var x0 = x(Math.max(t0, a)), x1 = x(Math.min(t1, b));
      r.setAttribute('x', x0.toFixed(1));
      r.setAttribute('width', Math.max(1.5, x1 - x0).toFixed(1));
    });
    while (ticks.firstChild) ticks.removeChild(ticks.firstChild);
    var step = nice((b - a) / 8);
    for (var s = Math.ceil(a / step) * step; s <= b + 1e-9; s += step) {
      var line = document.createElementNS(NS, 'line');
      line.setAttribute('class', 'grid'); line.setAttribute('x1', x(s).toFixed(1)); line.setAttribute('x2', x(s).toFixed(1));
      line.setAttribute('y1', '0'); line.setAttribute('y2', String(h - 20));
      var text = document.createElementNS(NS, 'text');
      text.setAttribute('class', 'tick'); text.setAttribute('x', x(s).toFixed(1)); text.setAttribute('y', String(h - 6));
      text.textContent = fmt(s);
      ticks.appendChild(line); ticks.appendChild(text);
    }
    label.textContent = a === 0 && b === span ? 'whole run: ' + fmt(span) : 'showing ' + fmt(a) + ' to ' + fmt(b) + ' of ' + fmt(span);
  }
  function zoomTo(na, nb) {
    var min = Math.min(span, 0.01);
    if (nb - na < min) { var mid = (na + nb) / 2; na = mid - min / 2; nb = mid + min / 2; }
    a = Math.max(0, na); b = Math.min(span, nb); draw();
  }
  function seconds(ev) {
    var p = svg.createSVGPoint(); p.x = ev.clientX; p.y = ev.clientY;
    var local = p.matrixTransform(svg.getScreenCTM().inverse());
    return a + ((Math.min(Math.max(local.x, left), left + plot) - left) / plot) * (b - a);
  }
  var from = null;
  svg.addEventListener('pointerdown', function (ev) { from = seconds(ev); svg.setPointerCapture(ev.pointerId); });
  svg.addEventListener('pointermove', function (ev) {
    if (from === null) return;
    var to = seconds(ev), x0 = x(Math.min(from, to)), x1 = x(Math.max(from, to));
    brush.setAttribute('x', x0.toFixed(1)); brush.setAttribute('width', (x1 - x0).toFixed(1));
  });
  svg.addEventListener('pointerup', function (ev) {
    if (from === null) return;
    var to = seconds(ev), lo = Math.min(from, to), hi = Math.max(from, to);
    from = null; brush.setAttribute('width', '0');
    if (x(hi) - x(lo) >= 4) zoomTo(lo, hi);
  });
  svg.addEventListener('dblclick', function () { zoomTo(0, span); });
  bar.addEventListener('click', function (ev) {
    var what = ev.target.getAttribute && ev.target.getAttribute('data-zoom');
    var mid = (a + b) / 2, half = (b - a) / 2;
    if (what === 'in') zoomTo(mid - half / 2, mid + half / 2);
    else if (what === 'out') zoomTo(mid - half * 2, mid + half * 2);
    else if (what === 'reset') zoomTo(0, span);
  });
  svg.classList.add('zoomable');
  bar.hidden = false;
  draw();
})();
document.getElementById('filter').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  document.querySelectorAll('[data-name]').forEach(function (el) {
    el.classList.toggle('hidden', q !== '' && el.getAttribute('data-name').toLowerCase().indexOf(q) < 0);
  });
});
`;
function renderHtmlReport(input) {
  const verdict = { failed: input.verdict.result !== "pass", label: input.verdict.result.toUpperCase(), text: input.verdict.reason };
  const body = [
    tiles(input.results),
    '<p><input id="filter" type="search" placeholder="Filter tests by name" aria-label="Filter tests by name"></p>',
    input.diff ? diffSection(input.diff, input.results) : "",
    timeline(input.results, input.maxBars ?? 3e3),
    failures(input.results),
    damage(input.results)
  ].join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(input.title)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(input.title)}</h1>${input.subtitle ? `<div class="sub">${escapeHtml(input.subtitle)}</div>` : ""}
<div class="verdict ${verdict.failed ? "fail" : "pass"}" data-verdict="${input.verdict.result}">${verdict.label}: ${escapeHtml(verdict.text)}</div></header>
<main>${body}</main><script>${SCRIPT}</script></body></html>
`;
}

export {
  escapeHtml,
  renderHtmlReport
};
