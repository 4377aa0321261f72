// diplograph network view: reads the page's JSON twin and draws a force layout into an SVG.
// Written for this app; no library. Node text comes from the data and is only ever set as text.
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const WIDTH = 900;
  const HEIGHT = 640;
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#393b79"];
  const OTHER = "#8a94a6";

  const svg = document.getElementById("network");
  const panel = document.getElementById("network-panel");
  const legend = document.getElementById("network-legend");
  if (!svg || !panel) return;

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (parent) parent.appendChild(node);
    return node;
  }

  function html(name, text, parent, attrs) {
    const node = document.createElement(name);
    if (text !== null && text !== undefined) node.textContent = text;
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (parent) parent.appendChild(node);
    return node;
  }

  function colours(nodes) {
    const totals = new Map();
    for (const node of nodes) {
      const key = node.country || "";
      totals.set(key, (totals.get(key) || 0) + node.engagements);
    }
    const ranked = [...totals.keys()].filter((k) => k).sort((a, b) => totals.get(b) - totals.get(a) || a.localeCompare(b));
    const map = new Map();
    ranked.forEach((country, index) => map.set(country, index < PALETTE.length ? PALETTE[index] : OTHER));
    return map;
  }

  // A deterministic force layout: same data, same picture (so screenshots can be compared).
  function layout(nodes, edges) {
    const n = nodes.length;
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const angle = (2 * Math.PI * i) / Math.max(n, 1);
      const radius = 60 + 220 * ((i * 0.618034) % 1);
      x[i] = WIDTH / 2 + radius * Math.cos(angle);
      y[i] = HEIGHT / 2 + radius * Math.sin(angle);
    }
    const links = edges
      .filter((e) => index.has(e.source) && index.has(e.target))
      .map((e) => [index.get(e.source), index.get(e.target), Math.log2(1 + e.weight)]);
    const k = Math.sqrt((WIDTH * HEIGHT) / Math.max(n, 1)) * 0.6;
    const steps = n > 300 ? 120 : 260;
    let heat = WIDTH / 8;
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let step = 0; step < steps; step++) {
      dx.fill(0);
      dy.fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let ex = x[i] - x[j];
          let ey = y[i] - y[j];
          let d2 = ex * ex + ey * ey;
          if (d2 < 0.01) { ex = 0.1 * ((i % 3) - 1 || 1); ey = 0.1; d2 = 0.02; }
          const force = (k * k) / d2;
          dx[i] += ex * force; dy[i] += ey * force;
          dx[j] -= ex * force; dy[j] -= ey * force;
        }
      }
      for (const [a, b, w] of links) {
        const ex = x[a] - x[b];
        const ey = y[a] - y[b];
        const d = Math.sqrt(ex * ex + ey * ey) || 0.01;
        const force = (d / k) * (0.6 + 0.4 * w);
        dx[a] -= ex * force; dy[a] -= ey * force;
        dx[b] += ex * force; dy[b] += ey * force;
      }
      for (let i = 0; i < n; i++) {
        dx[i] += (WIDTH / 2 - x[i]) * 0.02 * k / 10;
        dy[i] += (HEIGHT / 2 - y[i]) * 0.02 * k / 10;
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        const move = Math.min(d, heat);
        x[i] += (dx[i] / d) * move;
        y[i] += (dy[i] / d) * move;
      }
      heat *= 0.975;
    }
    fit(x, y);
    return { x, y, index };
  }

  function fit(x, y) {
    if (!x.length) return;
    const pad = 40;
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < x.length; i++) {
      minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
    }
    const scale = Math.min((WIDTH - 2 * pad) / Math.max(maxX - minX, 1), (HEIGHT - 2 * pad) / Math.max(maxY - minY, 1), 3);
    const offX = (WIDTH - scale * (maxX - minX)) / 2;
    const offY = (HEIGHT - scale * (maxY - minY)) / 2;
    for (let i = 0; i < x.length; i++) {
      x[i] = offX + (x[i] - minX) * scale;
      y[i] = offY + (y[i] - minY) * scale;
    }
  }

  function radius(node) {
    return Math.min(4 + 2.2 * Math.sqrt(node.engagements), 26);
  }

  function draw(view) {
    const nodes = view.network.nodes;
    const edges = view.network.edges;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    if (!nodes.length) {
      el("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle" }, svg).textContent = "Nobody met anybody with these filters.";
      return;
    }
    const palette = colours(nodes);
    const { x, y, index } = layout(nodes, edges);
    const maxWeight = Math.max(...edges.map((e) => e.weight), 1);
    const lineLayer = el("g", { class: "edges" }, svg);
    const nodeLayer = el("g", { class: "nodes" }, svg);
    const lines = edges.map((e) => {
      const a = index.get(e.source);
      const b = index.get(e.target);
      const line = el("line", {
        x1: x[a].toFixed(1), y1: y[a].toFixed(1), x2: x[b].toFixed(1), y2: y[b].toFixed(1),
        "stroke-width": (1 + 5 * Math.sqrt(e.weight / maxWeight)).toFixed(2),
      }, lineLayer);
      line.dataset.source = e.source;
      line.dataset.target = e.target;
      return line;
    });
    const labelled = new Set([...nodes].sort((a, b) => b.engagements - a.engagements).slice(0, 40).map((n) => n.id));
    const groups = new Map();
    nodes.forEach((node, i) => {
      const g = el("g", { class: "node", tabindex: 0, role: "button", "aria-label": node.name }, nodeLayer);
      g.dataset.id = node.id;
      g.dataset.name = node.name;
      const colour = palette.get(node.country || "") || OTHER;
      el("circle", { cx: x[i].toFixed(1), cy: y[i].toFixed(1), r: radius(node).toFixed(1), fill: colour }, g);
      el("title", {}, g).textContent = `${node.name}${node.country ? " (" + node.country + ")" : ""}: ${node.engagements} engagements`;
      if (labelled.has(node.id)) {
        el("text", { x: (x[i] + radius(node) + 2).toFixed(1), y: (y[i] + 3).toFixed(1) }, g).textContent = node.name;
      }
      g.addEventListener("click", (event) => { event.stopPropagation(); pick(node.id); });
      g.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(node.id); }
      });
      groups.set(node.id, g);
    });
    svg.addEventListener("click", () => pick(null));
    drawLegend(palette, nodes);

    function pick(id) {
      const near = new Set(id ? [id] : []);
      for (const e of edges) {
        if (e.source === id) near.add(e.target);
        if (e.target === id) near.add(e.source);
      }
      svg.classList.toggle("focused", Boolean(id));
      for (const [nodeId, g] of groups) {
        g.classList.toggle("far", Boolean(id) && !near.has(nodeId));
        g.classList.toggle("picked", nodeId === id);
      }
      for (const line of lines) {
        const touches = line.dataset.source === id || line.dataset.target === id;
        line.classList.toggle("near", touches);
        line.classList.toggle("far", Boolean(id) && !touches);
      }
      showPanel(id ? nodes.find((n) => n.id === id) : null, edges, nodes, pick);
    }
  }

  function drawLegend(palette, nodes) {
    if (!legend) return;
    legend.textContent = "";
    const present = new Set(nodes.map((n) => n.country || ""));
    for (const [country, colour] of palette) {
      if (!present.has(country)) continue;
      const row = html("span", null, legend);
      const dot = el("svg", { width: 12, height: 12, class: "dot" }, row);
      el("circle", { cx: 6, cy: 6, r: 5, fill: colour }, dot);
      row.appendChild(document.createTextNode(country));
    }
  }

  function showPanel(node, edges, nodes, pick) {
    const hint = panel.querySelector(".hint");
    const old = panel.querySelector(".picked-person");
    if (old) old.remove();
    if (hint) hint.hidden = Boolean(node);
    if (!node) return;
    const box = html("div", null, null, { class: "picked-person" });
    panel.insertBefore(box, legend);
    html("h3", node.name, box);
    html("p", `${node.country || "country unknown"} · ${node.engagements} engagements`, box, { class: "meta" });
    const links = html("p", null, box);
    const person = html("a", "Person page", links, { href: `/people/${encodeURIComponent(node.id)}`, id: "panel-person" });
    person.dataset.id = node.id;
    links.appendChild(document.createTextNode(" · "));
    html("a", "Timeline", links, { href: `/engagements?person=${encodeURIComponent(node.id)}` });
    links.appendChild(document.createTextNode(" · "));
    const focus = new URL(window.location.href);
    focus.searchParams.set("person", node.id);
    html("a", "Only their network", links, { href: focus.pathname + focus.search, id: "panel-focus" });
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const met = edges
      .filter((e) => e.source === node.id || e.target === node.id)
      .map((e) => ({ other: byId.get(e.source === node.id ? e.target : e.source), weight: e.weight }))
      .filter((m) => m.other)
      .sort((a, b) => b.weight - a.weight || a.other.name.localeCompare(b.other.name));
    html("p", met.length ? "Met:" : "Met nobody shown here.", box);
    const list = html("ul", null, box, { class: "plain" });
    for (const m of met.slice(0, 30)) {
      const item = html("li", null, list);
      const link = html("a", m.other.name, item, { href: "#" });
      link.addEventListener("click", (event) => { event.preventDefault(); pick(m.other.id); });
      item.appendChild(document.createTextNode(` ×${m.weight}`));
    }
  }

  fetch(svg.dataset.src, { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then((view) => {
      draw(view);
      svg.dataset.ready = "true";
      if (view.person) {
        const g = svg.querySelector(`g.node[data-id="${CSS.escape(view.person)}"]`);
        if (g) g.dispatchEvent(new MouseEvent("click", { bubbles: false }));
      }
    })
    .catch((error) => {
      el("text", { x: 20, y: 30 }, svg).textContent = `The network could not be loaded (${error.message}).`;
      svg.dataset.ready = "error";
    });
})();
