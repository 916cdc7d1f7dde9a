// Fan Trivia projector page: a read-only view of the party over /ws/display. It shows what
// the host sends and nothing else; text goes in through textContent only.
"use strict";

(function () {
  const { BACKOFF, LETTERS, el, fillRanks } = window.Trivia;
  const $ = (id) => document.getElementById(id);

  const state = { socket: null, attempt: 0, connected: false, paused: false, ended: false, question: null };

  function show(screen) {
    for (const section of document.querySelectorAll(".screen")) {
      section.hidden = section.id !== "screen-" + screen;
    }
  }
  function banner() {
    const node = $("banner");
    if (!state.connected && !state.ended && state.attempt > 0) node.textContent = "Host not reachable: reconnecting…";
    else if (state.paused) node.textContent = "‖ Paused";
    else node.textContent = "";
    node.hidden = node.textContent === "";
  }

  // ---- connection: read-only, reconnects by itself (the projector has nobody at it) ----
  function connect() {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(scheme + "//" + window.location.host + "/ws/display");
    state.socket = socket;
    socket.onopen = () => { state.connected = true; state.attempt = 0; banner(); };
    socket.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      const handler = frame && HANDLERS[frame.type];
      if (handler) handler(frame);
    };
    socket.onclose = () => {
      state.connected = false;
      if (state.ended) return;
      const wait = BACKOFF[Math.min(state.attempt, BACKOFF.length - 1)];
      state.attempt += 1;
      banner();
      setTimeout(connect, wait);
    };
  }

  const HANDLERS = {
    lobby(frame) {
      $("l-pack").textContent = frame.title ? String(frame.title) : "";
      // The room code and address, when the host sends them; else this page's own address.
      const address = frame.url ? String(frame.url) : window.location.host;
      const join = $("l-join");
      join.replaceChildren(document.createTextNode("Join on your phone: "), el("strong", "", address));
      // The room code: from the host when it sends it, else from this page's ?room=.
      const room = frame.room || new URLSearchParams(window.location.search).get("room");
      if (room) join.append(document.createTextNode(" · room "), el("strong", "", room));
      const teams = frame.teams || [];
      $("l-teams").textContent = teams.length ? "Teams: " + teams.join(", ") : "";
      const count = Number(frame.count) || 0;
      $("l-count").textContent = count + (count === 1 ? " player has" : " players have") + " joined";
      const names = $("l-names");
      names.replaceChildren();
      for (const name of (frame.names || []).slice(0, 100)) names.appendChild(el("li", "", name));
      show("lobby");
    },
    question(frame) {
      state.question = frame;
      $("q-number").textContent = "Question " + frame.number + " of " + frame.total;
      $("q-prompt").textContent = String(frame.prompt);
      $("q-answered").textContent = "";
      const list = $("q-options");
      list.replaceChildren();
      list.classList.toggle("order", frame.kind === "order");
      let labels = [];
      if (frame.open === false) labels = []; // the host is reading it out: prompt only
      else if (frame.kind === "choice") labels = frame.options || [];
      else if (frame.kind === "truefalse") labels = ["True", "False"];
      else if (frame.kind === "order") labels = frame.items || [];
      labels.forEach((label, index) => {
        const li = el("li");
        li.appendChild(el("span", "key", frame.kind === "order" ? "•" : LETTERS[index]));
        li.appendChild(el("span", "", label));
        list.appendChild(li);
      });
      const notes = {
        text: "Type your answer on your phone.",
        number: "Type a number on your phone" + (frame.unit ? " (" + frame.unit + ")." : "."),
        order: "Put these in order on your phone.",
      };
      let note = notes[frame.kind] || "";
      if (frame.style === "buzzer") note = "Buzz on your phone when you know it. " + note;
      if (frame.style === "master") note = "Write your answer down: the quiz-master marks it.";
      if (frame.open === false) note = "Get ready…";
      $("q-note").textContent = note;
      setTimer(frame.remaining);
      show("question");
    },
    tick(frame) {
      if (state.question && frame.question === state.question.question) setTimer(frame.remaining);
    },
    answered(frame) {
      $("q-answered").textContent = frame.count + " / " + frame.of + " answered";
    },
    reveal(frame) { reveal(frame); },
    leaderboard(frame) {
      fillRanks($("r-board-list"), frame.top);
      $("r-board-more").textContent = frame.more > 0 ? "and " + frame.more + " more" : "";
      $("r-board").hidden = false;
      // A leaderboard outside a reveal (a resume, a late display): show it on its own.
      if ($("screen-reveal").hidden) {
        $("r-number").textContent = "";
        $("r-prompt").textContent = "";
        $("r-title").hidden = true;
        $("r-bars").replaceChildren();
        show("reveal");
      }
    },
    podium(frame) {
      fillRanks($("p-places"), frame.places);
      show("podium");
    },
    paused() { state.paused = true; banner(); },
    resumed() { state.paused = false; banner(); },
    ended() {
      state.ended = true;
      banner();
      if ($("screen-podium").hidden) show("end");
    },
  };

  function setTimer(remaining) {
    const timer = $("q-timer");
    if (typeof remaining !== "number") { timer.hidden = true; return; }
    const left = Math.max(0, Math.ceil(remaining));
    timer.textContent = left > 0 ? left + " s" : "Time's up";
    timer.classList.toggle("low", left <= 5);
    timer.hidden = false;
  }

  // counts: per option in the order shown (a list, True then False for true/false), or an
  // object keyed by the option's text; either way one bar per option.
  function countFor(counts, labels, index) {
    if (Array.isArray(counts)) return Number(counts[index]) || 0;
    if (counts && typeof counts === "object") {
      const label = labels[index];
      const key = Object.keys(counts).find((k) => k.toLowerCase() === String(label).toLowerCase());
      return key === undefined ? 0 : Number(counts[key]) || 0;
    }
    return 0;
  }

  function reveal(frame) {
    const q = state.question && state.question.question === frame.question ? state.question : null;
    $("r-number").textContent = q ? "Question " + q.number + " of " + q.total : "";
    $("r-prompt").textContent = q ? String(q.prompt) : "";
    $("r-title").hidden = false;
    $("r-answer").textContent = String(frame.answer);
    $("r-board").hidden = true;
    $("q-timer").hidden = true;
    const bars = $("r-bars");
    bars.replaceChildren();
    let labels = [];
    if (q && q.kind === "choice") labels = q.options || [];
    else if (q && q.kind === "truefalse") labels = ["True", "False"];
    if (frame.counts && labels.length) {
      const values = labels.map((_, i) => countFor(frame.counts, labels, i));
      const total = values.reduce((a, b) => a + b, 0);
      const most = Math.max(1, ...values);
      const right = String(frame.answer).trim().toLowerCase();
      labels.forEach((label, index) => {
        const count = values[index];
        const isRight = String(label).trim().toLowerCase() === right;
        const li = el("li", isRight ? "right" : "");
        const line = el("div", "label");
        const key = q.kind === "choice" ? LETTERS[index] + ". " : "";
        const text = el("span", "text", (isRight ? "✓ " : "") + key + label);
        if (isRight) text.appendChild(el("span", "tag", " (right answer)"));
        line.appendChild(text);
        const share = total ? Math.round((100 * count) / total) : 0;
        line.appendChild(el("span", "tally", count + " (" + share + "%)"));
        li.appendChild(line);
        const track = el("div", "track");
        const fill = el("div", "fill");
        fill.style.width = (100 * count) / most + "%";
        track.appendChild(fill);
        li.appendChild(track);
        bars.appendChild(li);
      });
    }
    show("reveal");
  }

  show("lobby");
  $("l-join").replaceChildren(document.createTextNode("Join on your phone: "), el("strong", "", window.location.host));
  connect();
})();
