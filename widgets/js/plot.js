/* bonelearn line plots: the scaling rules shared by the static front ends that redraw the
 * SVG plots of bonelearn.widgets.plots (the remodelling simulator and its denosumab
 * schedule mode). Keep equal to bonelearn/widgets/plots.py. Inlined after mount.js and
 * before the widget scripts that use window.bonelearn.widgets.plot.
 */
(function () {
  "use strict";
  var bl = (window.bonelearn = window.bonelearn || {});
  var W = (bl.widgets = bl.widgets || {});

  var G = { W: 300, H: 180, LEFT: 52, RIGHT: 10, TOP: 24, BOTTOM: 34, MAX_POINTS: 240 };

  /* The y range of a panel: data range padded by 8 %, not below 0 for data that are not
     negative, at least 1e-9 wide. */
  function extent(values) {
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < values.length; i++) {
      if (values[i] < lo) lo = values[i];
      if (values[i] > hi) hi = values[i];
    }
    var span = hi - lo;
    var pad = span > 1e-12 ? span * 0.08 : Math.max(Math.abs(hi) * 0.05, 1e-9);
    return [lo >= 0 ? Math.max(lo - pad, 0) : lo - pad, hi + pad];
  }
  function stride(n) { return Math.max(1, Math.ceil(n / G.MAX_POINTS)); }
  function fmt(v) { return String(Number(v.toPrecision(3))); }
  function points(t, y, tEnd, lo, hi) {
    var step = stride(t.length), idx = [];
    for (var i = 0; i < t.length; i += step) idx.push(i);
    if (idx[idx.length - 1] !== t.length - 1) idx.push(t.length - 1);
    var sx = (G.W - G.LEFT - G.RIGHT) / tEnd, sy = (G.H - G.TOP - G.BOTTOM) / (hi - lo);
    return idx.map(function (k) {
      return (G.LEFT + t[k] * sx).toFixed(1) + "," + (G.H - G.BOTTOM - (y[k] - lo) * sy).toFixed(1);
    }).join(" ");
  }
  function signed(v) { return (v >= 0 ? "+" : "") + v.toFixed(1); }

  /* Redraw one panel (svg[data-panel=key] under scope): both curves on a common scale,
     the three y tick labels and the shaded window [w0, w1] (days, already clipped). */
  function draw(scope, key, t, treated, untreated, tEnd, w0, w1) {
    var svg = scope.querySelector("svg[data-panel=" + key + "]");
    var ext = extent(treated.concat(untreated)), lo = ext[0], hi = ext[1];
    svg.querySelector("polyline.bl-treated").setAttribute("points", points(t, treated, tEnd, lo, hi));
    svg.querySelector("polyline.bl-untreated").setAttribute("points", points(t, untreated, tEnd, lo, hi));
    var ticks = svg.querySelectorAll("text.bl-ytick");
    for (var i = 0; i < ticks.length; i++) {
      ticks[i].textContent = fmt(lo + Number(ticks[i].getAttribute("data-tick")) * (hi - lo) / 2);
    }
    var sx = (G.W - G.LEFT - G.RIGHT) / tEnd, band = svg.querySelector("rect.bl-window");
    band.setAttribute("x", (G.LEFT + w0 * sx).toFixed(1));
    band.setAttribute("width", Math.max((w1 - w0) * sx, 0).toFixed(1));
  }

  W.plot = { G: G, extent: extent, stride: stride, fmt: fmt, points: points, signed: signed,
             draw: draw };
})();
