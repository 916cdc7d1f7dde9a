// Fan Trivia phone page: joins the host's party over one websocket (/ws) and answers from
// this phone. The host is the only clock and the only judge: this page sends answers and
// shows what the host says, it never decides right or wrong. Every text from the host goes in
// through textContent, never as HTML, so pack text can't inject markup.
"use strict";

(function () {
  const TOKEN_KEY = "trivia-token-";
  const LAST_ROOM_KEY = "trivia-last-room";
  const PING_EVERY = 15000;
  // No frame for this long means the connection died without a close (phone asleep).
  const SILENT_LIMIT = 45000;
  const { BACKOFF, LETTERS, el, ordinal, points, fillRanks, parseNumber } = window.Trivia;

  const $ = (id) => document.getElementById(id);

  const state = {
    room: "",
    name: "",
    token: null,
    socket: null,
    welcomed: false, // true once the host has said welcome on this socket
    joining: false,  // a join frame is out and unanswered
    stopped: false,  // kicked or ended: no reconnect
    attempt: 0,
    retryTimer: null,
    pingTimer: null,
    lastFrame: 0,
    question: null,  // the "question" frame being answered
    sent: false,     // an answer for state.question is out (or taken)
    acked: false,    // the host took it ("ack")
    answeredLine: "", // "3 of 12 have answered", kept for the waiting screen
    buzzedMe: false, // buzzer style: this phone won the buzz
    order: [],       // indexes into question.items, in the order tapped
    paused: false,
    deadline: null,  // performance.now() when the local countdown reaches 0
    pausedLeft: null,
    timerTick: null,
    board: null,
  };

  // ---- storage (private browsing may refuse it: the page still works, without rejoin) ----
  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) { /* nothing to do: rejoin after a reload won't work */ }
  }

  // ---- small view helpers ----
  function show(screen) {
    const changed = state.screen !== screen;
    for (const el of document.querySelectorAll(".screen")) el.hidden = el.id !== "screen-" + screen;
    state.screen = screen;
    // A screen reader follows the page to its new screen: focus goes to its heading (a text
    // or number box takes it right after, where there is one).
    const heading = changed && $("screen-" + screen).querySelector("h1");
    if (heading && screen !== "join") {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  }
  function status(text, problem) {
    const el = $("status");
    el.textContent = text || "";
    el.classList.toggle("problem", Boolean(problem));
  }
  function banner() {
    const el = $("banner");
    const lost = state.welcomed === false && state.token && !state.stopped && state.attempt > 0;
    if (lost) el.textContent = "Connection lost: reconnecting…";
    else if (state.paused) el.textContent = "‖ Paused by the host";
    else el.textContent = "";
    el.hidden = el.textContent === "";
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // Taps fire on pointerdown (no 300 ms wait for a click); a keyboard's Enter or Space
  // arrives as a click with detail 0, so keyboard users answer too, and a mouse or touch
  // click after its own pointerdown does not fire twice.
  function onTap(button, action) {
    button.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      if (!button.disabled) action();
    });
    button.addEventListener("click", (event) => {
      if (event.detail === 0 && !button.disabled) action();
    });
  }

  // ---- the connection ----
  function socketUrl() {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    return scheme + "//" + window.location.host + "/ws";
  }

  function connect() {
    clearTimeout(state.retryTimer);
    if (state.stopped) return;
    if (state.socket && state.socket.readyState <= 1) return;
    let socket;
    try {
      socket = new WebSocket(socketUrl());
    } catch (e) {
      retry();
      return;
    }
    state.socket = socket;
    state.welcomed = false;
    socket.onopen = () => {
      state.lastFrame = Date.now();
      // A socket opened before the player typed a name only listens (for the lobby).
      if (state.token || state.name) sendJoin();
      clearInterval(state.pingTimer);
      state.pingTimer = setInterval(keepAlive, PING_EVERY);
    };
    socket.onmessage = (event) => {
      state.lastFrame = Date.now();
      let frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame && typeof frame.type === "string") handle(frame);
    };
    socket.onclose = () => {
      if (state.socket !== socket) return;
      clearInterval(state.pingTimer);
      state.socket = null;
      state.welcomed = false;
      state.joining = false;
      if (!state.stopped) retry();
    };
  }

  function retry() {
    const wait = BACKOFF[Math.min(state.attempt, BACKOFF.length - 1)];
    state.attempt += 1;
    banner();
    if (!state.token) {
      status("Can't reach the host. Trying again…", true);
      $("join-button").disabled = false;
    }
    // A little jitter so a room of phones does not come back in one burst.
    state.retryTimer = setTimeout(connect, wait + Math.random() * 300);
  }

  function keepAlive() {
    if (!state.socket || state.socket.readyState !== 1) return;
    if (Date.now() - state.lastFrame > SILENT_LIMIT) {
      state.socket.close();
      return;
    }
    send({ type: "ping" });
  }

  function send(frame) {
    if (!state.socket || state.socket.readyState !== 1) return false;
    state.socket.send(JSON.stringify(frame));
    return true;
  }

  function sendJoin() {
    state.joining = true;
    if (state.token) send({ type: "join", room: state.room, token: state.token });
    else if (state.team) send({ type: "join", room: state.room, name: state.name, team: state.team });
    else send({ type: "join", room: state.room, name: state.name });
  }

  // ---- frames from the host ----
  function handle(frame) {
    const handler = HANDLERS[frame.type];
    if (handler) handler(frame);
  }

  const HANDLERS = {
    welcome(frame) {
      state.welcomed = true;
      state.joining = false;
      state.attempt = 0;
      state.token = String(frame.token);
      state.name = String(frame.name);
      state.team = frame.team ? String(frame.team) : null;
      save(TOKEN_KEY + state.room, state.token);
      save(LAST_ROOM_KEY, state.room);
      $("lobby-name").textContent = state.name;
      $("lobby-team").textContent = frame.team ? " · team " + frame.team : "";
      banner();
      status(frame.rejoined ? "Welcome back, " + state.name + "." : "");
      if (state.screen === "join" || state.screen === "end") show("lobby");
    },
    refused(frame) {
      const reason = String(frame.reason || "The host refused that.");
      if (frame.code === "kicked") return kicked(reason);
      if (state.joining) return joinRefused(frame.code, reason);
      if (frame.code === "not-joined") {
        if (state.token) sendJoin();
        else { show("join"); status(reason, true); }
        return;
      }
      if (frame.code === "repeat") {
        // Answered already: by this phone before a drop, or by a teammate (the team's first
        // answer is the one that counts).
        state.sent = true;
        state.acked = true;
        $("sent-title").textContent = "Already answered";
        $("sent-what").textContent = reason;
        show("sent");
        return;
      } else if (frame.code === "late" && state.sent) {
        $("sent-title").textContent = "Too late";
        $("sent-what").textContent = "Your answer did not count.";
      } else if (state.sent && !state.acked) {
        // The answer did not count (paused, malformed...): the player may answer again.
        state.sent = false;
        show("question");
        setAnswerable(!state.paused);
      } else if (state.screen === "question" && !$("a-buzz").hidden) {
        const out = frame.code === "late" || frame.code === "locked-out";
        $("buzz-button").disabled = out || state.paused;
        $("buzz-state").textContent = reason;
      }
      status(reason, true);
    },
    lobby(frame) {
      // Sent as soon as the socket opens, before joining: a team party offers its teams.
      if (!state.welcomed) offerTeams(frame.teams || []);
      $("lobby-pack").textContent = frame.title ? String(frame.title) : "";
      const count = Number(frame.count) || 0;
      $("lobby-count").textContent = plural(count, "player", "players") + " in the room.";
      if (state.welcomed && state.screen !== "lobby") { stopTimer(); show("lobby"); }
    },
    question(frame) { askQuestion(frame); },
    ack(frame) {
      if (!state.question || frame.question !== state.question.question) return;
      state.sent = true;
      state.acked = true;
      $("sent-title").textContent = "Answer sent";
      status("");
    },
    "buzz-open"(frame) {
      if (!isCurrent(frame)) return;
      state.otherBuzzed = false;
      $("buzz-button").disabled = state.locked || state.paused;
      if (!state.locked) $("buzz-state").textContent = "Buzz now!";
    },
    buzzed(frame) {
      if (!isCurrent(frame)) return;
      if (frame.you) {
        state.buzzedMe = true;
        $("buzz-state").textContent = "";
        showControls(state.question);
        status("You buzzed first: answer now.");
      } else {
        state.otherBuzzed = true;
        $("buzz-button").disabled = true;
        $("buzz-state").textContent = String(frame.by) + " buzzed first.";
      }
    },
    locked(frame) {
      if (!isCurrent(frame)) return;
      // An early buzz locks this phone out for a moment (a quarter of a second, as on the
      // keyboard); the button comes back a little later so a second tap can't be early too.
      state.locked = true;
      $("buzz-button").disabled = true;
      $("buzz-state").textContent = String(frame.reason || "Too early: wait.");
      const qid = state.question.question;
      setTimeout(() => {
        if (!state.question || state.question.question !== qid || state.screen !== "question") return;
        state.locked = false;
        setAnswerable(!state.paused && !state.sent);
      }, 600);
    },
    answered(frame) {
      if (!isCurrent(frame)) return;
      state.answeredLine = frame.count + " of " + frame.of + " have answered.";
      $("sent-count").textContent = state.answeredLine;
    },
    reveal(frame) { reveal(frame); },
    leaderboard(frame) { leaderboard(frame); },
    paused() {
      state.paused = true;
      if (state.deadline !== null) {
        state.pausedLeft = Math.max(0, state.deadline - performance.now());
        stopTimer();
      }
      setAnswerable(false);
      banner();
    },
    resumed() {
      state.paused = false;
      if (state.pausedLeft !== null) startTimer(state.pausedLeft / 1000);
      state.pausedLeft = null;
      if (state.screen === "question" && !state.sent) setAnswerable(true);
      banner();
    },
    podium(frame) { podium(frame); },
    kicked(frame) { kicked(String(frame.reason || "The host removed you from the party.")); },
    ended() {
      const finished = state.screen === "podium";
      stop(finished);
      if (finished) {
        $("p-you").textContent += " The party is over: thanks for playing!";
      } else {
        // The host left the party's screen (or quit): it stays saved and may be resumed.
        end("‖", "The host has stopped the party",
          "If the host picks it up again, tap Rejoin: you keep your place and your score.");
        $("e-again").hidden = !state.token;
      }
    },
    pong() {},
  };

  function isCurrent(frame) {
    return Boolean(state.question) && frame.question === state.question.question;
  }

  function joinRefused(code, reason) {
    state.joining = false;
    if (state.token && code === "bad-room" && state.screen === "end") {
      status("Not back yet: " + reason, true); // the party is not hosted again (yet)
      return;
    }
    if (state.token && code !== "bad-room") {
      // The stored place is gone (a new party, or the host forgot it): join afresh. With
      // "bad-room" the party is only not hosted now: its token may work again later.
      state.token = null;
      save(TOKEN_KEY + state.room, null);
    }
    show("join");
    $("join-button").disabled = false;
    status(reason, true);
    const field = code === "bad-room" ? $("join-room") : $("join-name");
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }

  // No more reconnecting. `forget` also drops the stored place (kicked, or the party is
  // over); a host who only left the party's screen may pick it up again, token and all.
  function stop(forget) {
    state.stopped = true;
    clearTimeout(state.retryTimer);
    clearInterval(state.pingTimer);
    stopTimer();
    if (forget) {
      state.token = null;
      save(TOKEN_KEY + state.room, null);
    }
    state.paused = false;
    state.attempt = 0;
    banner();
  }

  function kicked(reason) {
    stop(true);
    if (state.socket) state.socket.close();
    end("✗", "You were removed from the party", reason);
  }

  function end(symbol, title, text) {
    $("e-again").hidden = true;
    $("e-symbol").textContent = symbol;
    $("e-title").textContent = title;
    $("e-text").textContent = text;
    status("");
    show("end");
  }

  // ---- asking ----
  // Each question comes twice: first while the host reads it out ("open": false, prompt
  // only), then with its options when answers are allowed ("open": true). A phone that
  // (re)joins mid-question gets the one on screen, with "answered" if it already answered.
  function askQuestion(q) {
    const same = Boolean(state.question) && state.question.question === q.question;
    const wasOpen = same && state.question.open !== false;
    const wasSent = same && state.sent;
    state.question = q;
    if (!same) {
      state.sent = false;
      state.acked = false;
      state.answeredLine = "";
      state.buzzedMe = false;
      state.locked = false;
      state.otherBuzzed = false;
      state.order = [];
      status("");
    }
    if (q.answered) { state.sent = true; state.acked = true; }
    $("q-number").textContent = "Question " + q.number + " of " + q.total;
    $("q-prompt").textContent = String(q.prompt);
    stopTimer();
    state.pausedLeft = null;
    if (typeof q.remaining === "number") {
      if (state.paused) state.pausedLeft = q.remaining * 1000;
      else startTimer(q.remaining);
    }
    if (state.sent) {
      if (!wasSent) {
        $("sent-title").textContent = "Answer sent";
        $("sent-what").textContent = state.team
          ? "Your team has answered this question."
          : "You have answered this question.";
        $("sent-count").textContent = state.answeredLine;
      }
      show("sent");
      return;
    }
    show("question");
    const open = q.open !== false;
    if (open && wasOpen && q.style !== "buzzer") {
      // The same open question again (a resend): keep what the player has typed or placed.
      setAnswerable(!state.paused);
      return;
    }
    for (const part of document.querySelectorAll(".answers")) part.hidden = true;
    const note = $("q-note");
    note.hidden = true;
    if (q.style === "master") {
      note.textContent = "The quiz-master marks this one: answer out loud or on paper.";
      note.hidden = false;
    } else if (q.style === "buzzer") {
      if (state.buzzedMe && open) {
        showControls(q);
      } else {
        $("a-buzz").hidden = false;
        $("buzz-state").textContent = open
          ? "Buzz now!"
          : "Get ready: buzzing before the options show locks you out.";
      }
    } else if (open) {
      showControls(q);
    } else {
      note.textContent = "Get ready: the answers appear in a moment.";
      note.hidden = false;
    }
    setAnswerable(!state.paused);
  }

  function showControls(q) {
    $("a-buzz").hidden = true;
    const kind = q.kind;
    if (kind === "choice") {
      const box = $("a-choice");
      box.replaceChildren();
      (q.options || []).forEach((option, index) => {
        const button = el("button", "big choice");
        button.type = "button";
        button.appendChild(el("span", "key", LETTERS[index] || String(index + 1)));
        button.appendChild(el("span", "label", option));
        button.dataset.index = String(index);
        onTap(button, () => answer(index, LETTERS[index] + ". " + option, button));
        box.appendChild(button);
      });
      box.hidden = false;
    } else if (kind === "truefalse") {
      $("a-truefalse").hidden = false;
    } else if (kind === "text") {
      $("text-box").value = "";
      $("a-text").hidden = false;
      $("text-box").focus();
    } else if (kind === "number") {
      $("number-box").value = "";
      $("number-reads").textContent = "";
      $("number-unit").textContent = q.unit ? "(" + q.unit + ")" : "";
      $("a-number").hidden = false;
      $("number-box").focus();
    } else if (kind === "order") {
      renderOrder();
      $("a-order").hidden = false;
    }
  }

  function setAnswerable(on) {
    for (const control of $("screen-question").querySelectorAll("button, input")) {
      control.disabled = !on;
    }
    if (on && state.question && state.question.kind === "order") renderOrder();
    if (state.question && state.question.style === "buzzer" && !state.buzzedMe) {
      $("buzz-button").disabled = !on || state.locked || state.otherBuzzed;
    }
  }

  function answer(value, shown, button) {
    if (!state.question || state.sent) return;
    if (state.paused) { status("The game is paused.", true); return; }
    if (!send({ type: "answer", question: state.question.question, answer: value })) {
      status("Not connected: your answer was not sent. Try again in a moment.", true);
      return;
    }
    state.sent = true;
    if (button) button.classList.add("picked");
    $("sent-title").textContent = "Sending…";
    $("sent-what").textContent = "You answered: " + shown;
    $("sent-count").textContent = state.answeredLine;
    show("sent");
  }

  // ---- order questions: tap in order, tap a placed item to take it back ----
  function renderOrder() {
    const items = (state.question && state.question.items) || [];
    const placed = $("order-placed");
    const left = $("order-left");
    placed.replaceChildren();
    left.replaceChildren();
    state.order.forEach((index, position) => {
      const button = el("button", "big");
      button.type = "button";
      button.appendChild(el("span", "pos", position + 1));
      button.appendChild(el("span", "label", items[index]));
      button.setAttribute("aria-label", (position + 1) + ": " + items[index] + ". Tap to take back.");
      onTap(button, () => { state.order.splice(position, 1); renderOrder(); focusOrder(); });
      const li = el("li");
      li.appendChild(button);
      placed.appendChild(li);
    });
    items.forEach((item, index) => {
      if (state.order.includes(index)) return;
      const button = el("button", "big");
      button.type = "button";
      button.appendChild(el("span", "pos", "?"));
      button.appendChild(el("span", "label", item));
      button.setAttribute("aria-label", item + ". Tap to place it " + ordinal(state.order.length + 1) + ".");
      button.dataset.index = String(index);
      onTap(button, () => { state.order.push(index); renderOrder(); focusOrder(); });
      const li = el("li");
      li.appendChild(button);
      left.appendChild(li);
    });
    const done = items.length > 0 && state.order.length === items.length;
    $("order-left-title").hidden = done;
    $("order-send").disabled = !done || state.paused;
  }

  function focusOrder() {
    // Keep keyboard users in the list they were working in after it is redrawn.
    const next = $("order-left").querySelector("button") || $("order-send");
    if (document.activeElement === document.body) next.focus();
  }

  // ---- the countdown: shown for the player, the host's clock decides ----
  function startTimer(seconds) {
    stopTimer();
    state.deadline = performance.now() + seconds * 1000;
    $("q-timer").hidden = false;
    drawTimer();
    state.timerTick = setInterval(drawTimer, 250);
  }
  function drawTimer() {
    const left = Math.max(0, Math.ceil((state.deadline - performance.now()) / 1000));
    const timer = $("q-timer");
    timer.textContent = left > 0 ? left + " s" : "Time's up";
    timer.classList.toggle("low", left <= 5);
    if (left <= 0) clearInterval(state.timerTick);
  }
  function stopTimer() {
    clearInterval(state.timerTick);
    state.deadline = null;
    $("q-timer").hidden = true;
  }

  // ---- reveal, leaderboard, podium ----
  function reveal(frame) {
    stopTimer();
    const you = frame.you || {};
    const box = $("r-box");
    box.classList.remove("right", "wrong");
    if (you.right === true) {
      box.classList.add("right");
      $("r-symbol").textContent = "✓";
      $("r-verdict").textContent = "Right!";
    } else if (you.right === false) {
      box.classList.add("wrong");
      $("r-symbol").textContent = "✗";
      $("r-verdict").textContent = "Wrong";
    } else {
      $("r-symbol").textContent = "–";
      $("r-verdict").textContent = "No answer";
    }
    $("r-answer").textContent = String(frame.answer);
    const won = Number(you.points) || 0;
    $("r-points").textContent = (won > 0 ? "+" : "") + points(won);
    const streak = Number(you.streak) || 0;
    $("r-streak").textContent = streak > 1 ? streak + " in a row" : String(streak);
    $("r-score").textContent = points(you.score);
    $("r-rank").textContent = you.rank ? ordinal(you.rank) + " of " + you.of : "–";
    $("r-board").hidden = true;
    status("");
    show("reveal");
  }

  function leaderboard(frame) {
    fillRanks($("r-board-list"), frame.top, state.name);
    $("r-board-more").textContent = frame.more > 0 ? "and " + frame.more + " more" : "";
    $("r-board").hidden = false;
  }

  function podium(frame) {
    stopTimer();
    fillRanks($("p-places"), frame.places, state.name);
    const you = frame.you || {};
    let line = "";
    if (you.rank) {
      line = "You: " + ordinal(you.rank) + " of " + you.of + ", " + points(you.score) + " points.";
      // Last of two is on the podium too, but no cause for a star.
      if (you.rank <= 3 && you.rank < you.of) line = "★ You made the podium! " + line;
    }
    $("p-you").textContent = line;
    status("");
    show("podium");
  }

  function offerTeams(teams) {
    const picker = $("join-team");
    const chosen = picker.value;
    const choices = [el("option", "", "Any team")];
    choices[0].value = "";
    for (const team of teams) {
      const choice = el("option", "", String(team));
      choice.value = String(team);
      choices.push(choice);
    }
    picker.replaceChildren(...choices);
    picker.value = teams.includes(chosen) ? chosen : "";
    $("join-team-box").hidden = teams.length === 0;
  }

  // ---- wiring ----
  function setUp() {
    const params = new URLSearchParams(window.location.search);
    const fromUrl = (params.get("room") || "").trim().toUpperCase();
    state.room = fromUrl || (load(LAST_ROOM_KEY) || "");
    $("join-room").value = state.room;
    state.token = state.room ? load(TOKEN_KEY + state.room) : null;

    $("join-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const room = $("join-room").value.trim().toUpperCase();
      const name = $("join-name").value.trim();
      for (const field of [$("join-room"), $("join-name")]) field.removeAttribute("aria-invalid");
      if (!room) { status("Type the room code from the host's screen.", true); $("join-room").focus(); return; }
      if (name.length < 1 || name.length > 20) {
        status("Your name needs 1 to 20 characters.", true);
        $("join-name").focus();
        return;
      }
      state.room = room;
      state.name = name;
      state.team = $("join-team-box").hidden ? null : $("join-team").value || null;
      state.token = load(TOKEN_KEY + room);
      state.stopped = false;
      state.attempt = 0;
      status("Joining…");
      $("join-button").disabled = true;
      if (state.socket && state.socket.readyState === 1) sendJoin();
      else connect();
    });

    onTap($("a-truefalse").children[0], () => answer(true, "True", $("a-truefalse").children[0]));
    onTap($("a-truefalse").children[1], () => answer(false, "False", $("a-truefalse").children[1]));
    $("a-text").addEventListener("submit", (event) => {
      event.preventDefault();
      const text = $("text-box").value.trim();
      if (!text) { status("Type an answer first.", true); return; }
      answer(text.slice(0, 200), text);
    });
    $("number-box").addEventListener("input", () => {
      const raw = $("number-box").value;
      const value = parseNumber(raw);
      $("number-reads").textContent = raw.trim() === "" ? "" : value === null ? "Not a number yet." : "Reads as " + value;
    });
    $("a-number").addEventListener("submit", (event) => {
      event.preventDefault();
      const value = parseNumber($("number-box").value);
      if (value === null) { status("Type a number, like 1500 or 1,5.", true); return; }
      answer(value, String(value) + (state.question.unit ? " " + state.question.unit : ""));
    });
    onTap($("e-again"), () => {
      state.stopped = false;
      state.attempt = 0;
      status("Rejoining…");
      if (state.socket && state.socket.readyState === 1) sendJoin();
      else connect();
    });
    onTap($("order-reset"), () => { state.order = []; renderOrder(); });
    onTap($("order-send"), () => {
      const items = state.question.items || [];
      answer(state.order.slice(), state.order.map((i) => items[i]).join(" → "));
    });
    onTap($("buzz-button"), () => {
      if (!state.question) return;
      if (send({ type: "buzz", question: state.question.question })) {
        $("buzz-button").disabled = true;
        $("buzz-state").textContent = "Buzzed! Waiting for the host…";
      }
    });

    // Keys for desktop players: 1-6 or A-F pick an option, T / F answer true or false.
    document.addEventListener("keydown", (event) => {
      if (state.screen !== "question" || event.target.tagName === "INPUT") return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key.toLowerCase();
      const q = state.question;
      if (!q || (q.style === "buzzer" && !state.buzzedMe)) return;
      if (q.kind === "choice") {
        let index = "123456".indexOf(key);
        if (index < 0) index = "abcdef".indexOf(key);
        const button = $("a-choice").children[index];
        if (index >= 0 && button && !button.disabled) button.dispatchEvent(new MouseEvent("click"));
      } else if (q.kind === "truefalse" && (key === "t" || key === "f")) {
        $("a-truefalse").children[key === "t" ? 0 : 1].dispatchEvent(new MouseEvent("click"));
      }
    });

    // A phone that wakes up should not wait for the next backoff step.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && state.token && !state.stopped) connect();
    });
    window.addEventListener("online", () => { if (state.token && !state.stopped) connect(); });

    show("join");
    if (state.token) {
      status("Rejoining…");
      connect();
    } else {
      // Open the socket now: the host's first frame (the lobby) says which teams there are.
      connect();
      if (state.room) $("join-name").focus();
    }
  }

  // For tests and the curious: the page's own number reader.
  window.TriviaPhone = { parseNumber };
  setUp();
})();
