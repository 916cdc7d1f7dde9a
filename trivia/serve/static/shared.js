// What the phone page and the display page share: small DOM helpers and the reconnect
// waits, written once. Loaded before phone.js / display.js; text goes in as textContent.
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

  return { BACKOFF, LETTERS, el, ordinal, points, fillRanks };
})();
