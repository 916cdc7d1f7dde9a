// What the pages use besides their own screens: small DOM helpers, ranks, the reconnect
// waits, and reading a typed number. Loaded before phone.js / display.js.
"use strict";

window.Trivia = (function () {
  // Reconnect waits (ms): quick after a Wi-Fi blip, then no faster than every 10 s.
  const BACKOFF = [300, 1000, 2000, 4000, 8000, 10000];
  const LETTERS = "ABCDEF";

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function ordinal(n) {
    const tens = n % 100;
    if (tens >= 11 && tens <= 13) return n + "th";
    return n + ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th");
  }

  // Points as the host screen writes them: 2,384.
  function points(n) { return (Number(n) || 0).toLocaleString("en-US"); }

  // A leaderboard or podium: one row per {name, score, rank}; the row named `me` is marked.
  function fillRanks(list, rows, me) {
    list.replaceChildren();
    for (const row of rows || []) {
      const li = el("li", me !== undefined && row.name === me ? "me" : "");
      li.appendChild(el("span", "place", ordinal(row.rank)));
      li.appendChild(el("span", "name", row.name));
      li.appendChild(el("span", "score", points(row.score)));
      list.appendChild(li);
    }
  }

  // ---- numbers as people type them: "1,5", "1 000", "1.000.000", "-3", "2'500" ----
  function parseNumber(raw) {
    let s = String(raw).trim().replace(/[\s\u00a0\u202f\u2009'_]/g, "").replace(/\u2212/g, "-");
    if (s === "") return null;
    const commas = (s.match(/,/g) || []).length;
    const dots = (s.match(/\./g) || []).length;
    if (commas && dots) {
      // Both: the later one is the decimal mark, the other groups thousands.
      const decimal = s.lastIndexOf(",") > s.lastIndexOf(".") ? "," : ".";
      const group = decimal === "," ? "." : ",";
      s = s.split(group).join("").replace(decimal, ".");
    } else if (commas > 1) {
      s = s.split(",").join("");
    } else if (commas === 1) {
      s = s.replace(",", ".");
    } else if (dots > 1) {
      s = s.split(".").join("");
    }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
    const value = Number(s);
    return Number.isFinite(value) ? value : null;
  }

  return { BACKOFF, LETTERS, el, ordinal, points, fillRanks, parseNumber };
})();
