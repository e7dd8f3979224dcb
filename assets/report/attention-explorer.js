// The attention explorer: brings each figure.attention-explorer of the report to life. The page's
// Content-Security-Policy allows it by its SHA-256 hash (computed by the program, never by hand);
// without it the figure is a static heatmap. The figure carries the colour scale, the palette, the
// source tokens and every map's data; the SVG's panels say where their grids are
// (NotebookReport's AttentionGridChart and AttentionExplorerView write both).
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };

  function rgb(hex) { return [1, 3, 5].map(function (i) { return parseInt(hex.substr(i, 2), 16); }); }

  // The colour of fraction f (0…1) between the palette's stops, as ChartColors.sequential.
  function colour(stops, f) {
    var t = isFinite(f) ? Math.min(Math.max(f, 0), 1) : 0;
    var p = t * (stops.length - 1), i = Math.min(Math.floor(p), stops.length - 2), l = p - i;
    return "#" + [0, 1, 2].map(function (k) {
      var v = Math.round(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * l);
      return (v < 16 ? "0" : "") + v.toString(16);
    }).join("");
  }

  function overlay(g, cls) {
    var r = document.createElementNS(NS, "rect");
    r.setAttribute("class", cls);
    r.style.display = "none";
    g.appendChild(r);
    return r;
  }

  function place(r, x, y, w, h) {
    r.setAttribute("x", x); r.setAttribute("y", y); r.setAttribute("width", w); r.setAttribute("height", h);
    r.style.display = "";
  }

  function quoted(token) { return "\u201c" + token + "\u201d"; }

  function explorer(fig) {
    var svg = fig.querySelector("svg.attention-grid"), controls = fig.querySelector(".attn-controls");
    var readout = fig.querySelector(".attn-readout");
    if (!svg || !controls || !readout) return;
    var stops = fig.getAttribute("data-palette").split(" ").map(rgb);
    var low = Number(fig.getAttribute("data-low")), high = Number(fig.getAttribute("data-high"));
    var sources = JSON.parse(fig.getAttribute("data-source"));
    var oneAtATime = fig.getAttribute("data-arrangement") === "oneAtATime";
    var maps = [];
    each(fig.querySelectorAll(".attn-data .attn-map"), function (el) {
      maps.push({
        name: el.getAttribute("data-name"), targets: JSON.parse(el.getAttribute("data-targets")),
        weights: el.getAttribute("data-weights").split(";").map(function (row) { return row.split(",").map(Number); })
      });
    });
    var panels = [];
    each(svg.querySelectorAll("g.attn-panel"), function (g) {
      var n = function (name) { return Number(g.getAttribute("data-" + name)); };
      var p = {
        g: g, map: n("map"), x: n("x"), gx: n("gx"), gy: n("gy"), cell: n("cell"), rows: n("rows"), cols: n("cols"),
        width: n("width"), cells: g.querySelector("g.attn-cells"), title: g.querySelector(".attn-panel-title"), shown: true
      };
      each(p.cells.querySelectorAll("title"), function (t) { t.remove(); });  // the readout names every cell
      p.dim = overlay(g, "attn-dim"); p.now = overlay(g, "attn-now");
      p.row = overlay(g, "attn-hl"); p.col = overlay(g, "attn-hl");
      panels.push(p);
    });
    if (!panels.length || !maps.length) return;
    var legend = svg.querySelector("g.attn-legend");
    var size = { width: svg.getAttribute("width"), viewBox: svg.getAttribute("viewBox"), legend: legend && legend.getAttribute("transform") };
    var slider = controls.querySelector(".attn-step"), stepText = controls.querySelector(".attn-step-text");
    var select = controls.querySelector(".attn-select");
    var steps = Number(slider.max), step = 0, cursor = null;

    function visible() { return panels.filter(function (p) { return p.shown; }); }

    function showStep() {
      var tokens = [];
      visible().forEach(function (p) {
        var w = p.cols * p.cell;
        if (step > 0 && step < p.rows) place(p.dim, p.gx, p.gy + p.cell * step, w, p.cell * (p.rows - step));
        else p.dim.style.display = "none";
        if (step > 0 && step <= p.rows) {
          place(p.now, p.gx, p.gy + p.cell * (step - 1), w, p.cell);
          tokens.push(quoted(maps[p.map].targets[step - 1]));
        } else {
          p.now.style.display = "none";
        }
      });
      var text = step === 0 ? "all " + steps + " steps" : "step " + step + " of " + steps + (tokens.length ? ": " + tokens.join(" / ") : "");
      stepText.textContent = text;
      slider.value = String(step);
      slider.setAttribute("aria-valuetext", text);
    }

    function recolour(p, index) {
      var weights = maps[index].weights, rects = p.cells.children;
      for (var i = 0; i < rects.length; i++) {
        var v = weights[Math.floor(i / p.cols)][i % p.cols];
        rects[i].setAttribute("fill", colour(stops, (v - low) / (high - low)));
      }
      p.map = index;
      if (p.title) p.title.textContent = maps[index].name;
    }

    function choose(value) {
      clear();
      if (oneAtATime) { recolour(panels[0], Number(value)); showStep(); return; }
      var alone = value === "all" ? null : Number(value);
      panels.forEach(function (p) {
        p.shown = alone === null || p.map === alone;
        p.g.style.display = p.shown ? "" : "none";
        p.g.setAttribute("transform", "translate(" + (alone === null ? p.x : 8) + " 0)");
        if (!p.shown) [p.dim, p.now].forEach(function (r) { r.style.display = "none"; });
      });
      if (alone === null) {
        svg.setAttribute("width", size.width); svg.setAttribute("viewBox", size.viewBox);
        if (legend) legend.setAttribute("transform", size.legend);
      } else {
        var p = panels.filter(function (q) { return q.map === alone; })[0];
        var width = 8 + p.width + 18 + 66, height = Math.round(svg.viewBox.baseVal.height * 100) / 100;
        svg.setAttribute("width", width); svg.setAttribute("viewBox", "0 0 " + width + " " + height);
        if (legend) legend.setAttribute("transform", "translate(" + (8 + p.width + 18) + " 0)");
      }
      showStep();
    }

    // Highlights row r and column c of panel p (either may be null: a token label) and names them.
    function highlight(p, r, c) {
      clear();
      var map = maps[p.map], w = p.cols * p.cell, h = p.rows * p.cell;
      if (r !== null) place(p.row, p.gx, p.gy + p.cell * r, w, p.cell);
      if (c !== null) place(p.col, p.gx + p.cell * c, p.gy, p.cell, h);
      var text;
      if (r !== null && c !== null) {
        text = map.name + ": " + quoted(map.targets[r]) + " (step " + (r + 1) + ") \u2192 " + quoted(sources[c]) + ": " + map.weights[r][c];
      } else if (r !== null) {
        var row = map.weights[r], best = row.indexOf(Math.max.apply(null, row));
        text = map.name + ": " + quoted(map.targets[r]) + " (step " + (r + 1) + ") attends most to " + quoted(sources[best]) + " (" + row[best] + ")";
      } else {
        text = quoted(sources[c]) + " (" + fig.getAttribute("data-source-label") + " " + (c + 1) + ")";
      }
      readout.textContent = text;
    }

    function clear() {
      panels.forEach(function (p) { p.row.style.display = "none"; p.col.style.display = "none"; });
    }

    svg.addEventListener("mousemove", function (e) {
      var t = e.target, g = t.closest && t.closest("g.attn-panel");
      var p = g && panels.filter(function (q) { return q.g === g; })[0];
      if (!p) return;
      if (t.parentNode === p.cells) {
        var i = Array.prototype.indexOf.call(p.cells.children, t);
        cursor = { p: p, r: Math.floor(i / p.cols), c: i % p.cols };
        highlight(p, cursor.r, cursor.c);
      } else if (t.hasAttribute("data-r")) {
        highlight(p, Number(t.getAttribute("data-r")), null);
      } else if (t.hasAttribute("data-c")) {
        highlight(p, null, Number(t.getAttribute("data-c")));
      }
    });
    svg.addEventListener("mouseleave", clear);

    // The keyboard: the drawing is one tab stop; arrows move through the cells, PageUp/PageDown
    // between the panels shown.
    svg.setAttribute("tabindex", "0");
    svg.setAttribute("aria-label", svg.getAttribute("aria-label") + ". Arrow keys move through the cells.");
    svg.addEventListener("focus", function () {
      var shown = visible();
      if (!cursor || !cursor.p.shown) cursor = { p: shown[0], r: 0, c: 0 };
      highlight(cursor.p, cursor.r, cursor.c);
    });
    svg.addEventListener("blur", clear);
    svg.addEventListener("keydown", function (e) {
      if (!cursor) return;
      var shown = visible(), k = shown.indexOf(cursor.p), p = cursor.p;
      var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (moves[e.key]) {
        cursor.r = Math.min(Math.max(cursor.r + moves[e.key][0], 0), p.rows - 1);
        cursor.c = Math.min(Math.max(cursor.c + moves[e.key][1], 0), p.cols - 1);
      } else if (e.key === "Home") { cursor.c = 0; } else if (e.key === "End") { cursor.c = p.cols - 1;
      } else if (e.key === "PageDown" || e.key === "PageUp") {
        var next = shown[(k + (e.key === "PageDown" ? 1 : shown.length - 1)) % shown.length];
        cursor = { p: next, r: Math.min(cursor.r, next.rows - 1), c: Math.min(cursor.c, next.cols - 1) };
      } else {
        return;
      }
      e.preventDefault();
      highlight(cursor.p, cursor.r, cursor.c);
    });

    slider.addEventListener("input", function () { step = Number(slider.value); showStep(); });
    controls.querySelector(".attn-prev").addEventListener("click", function () { step = Math.max(step - 1, 0); showStep(); });
    controls.querySelector(".attn-next").addEventListener("click", function () { step = Math.min(step + 1, steps); showStep(); });
    select.addEventListener("change", function () { choose(select.value); });

    // "Download SVG": the drawing as shown (map, step), with its styles and a white background.
    controls.querySelector(".attn-download").addEventListener("click", function () {
      clear();
      var copy = svg.cloneNode(true);
      copy.removeAttribute("tabindex");
      each(copy.querySelectorAll("[style*='display: none'],.attn-hl"), function (el) { el.remove(); });
      var style = document.createElementNS(NS, "style");
      style.textContent = fig.getAttribute("data-style") + ".attn-dim{fill:#ffffff;opacity:.82}.attn-now{fill:none;stroke:#d1242f;stroke-width:2}";
      var background = document.createElementNS(NS, "rect");
      background.setAttribute("width", "100%"); background.setAttribute("height", "100%"); background.setAttribute("fill", "#ffffff");
      copy.insertBefore(background, copy.firstChild);
      copy.insertBefore(style, copy.firstChild);
      var blob = new Blob([new XMLSerializer().serializeToString(copy)], { type: "image/svg+xml" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "attention.svg";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });

    controls.hidden = false;
    readout.hidden = false;
    readout.textContent = "Hover or focus a cell or a token; step through the decoder with the slider.";
    fig.classList.add("attn-live");
    showStep();
  }

  each(document.querySelectorAll("figure.attention-explorer"), explorer);
})();
