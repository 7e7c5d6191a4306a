// In Kind on a phone: connect to the game on this network, pick a seat once, then show
// this seat's view and send its choices. Everything shown comes from the game (its words
// included); text is set with textContent only, never parsed as HTML.
"use strict";

(function () {
  const code = location.pathname.split("/")[1] || "";
  const storeKey = "inkind:" + code;
  const main = document.getElementById("main");
  const who = document.getElementById("who");
  const status = document.getElementById("status");
  const toast = document.getElementById("toast");
  const news = document.getElementById("news");
  let socket = null;
  let words = {};
  let retry = 500;
  let toastTimer = null;
  let told = {};  // what the live region last said of each part of the view
  let myTurn = false;  // the last view was this phone's turn
  let audio = null;  // the chime's AudioContext, made on a first tap (no autoplay)
  const soundKey = "inkind:sound";

  function w(key, fallback) { return words[key] || fallback || ""; }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function saved() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { return null; }
  }

  function save(seat, key) {
    try { localStorage.setItem(storeKey, JSON.stringify({ seat: seat, key: key })); } catch (e) {}
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function say(text) {
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.hidden = true; }, 3000);
  }

  // A screen reader hears what changed, once, as whole sentences: one polite live region
  // is given the new headline, card and line together (never the text that stayed).
  function announce(parts, skip) {
    const said = [];
    ["headline", "level", "prompt", "line", "acted"].forEach(function (key) {
      const text = parts[key] || "";
      if (text && text !== told[key] && key !== skip) said.push(text);
    });
    told = parts;
    if (said.length) news.textContent = said.join(" ");
  }

  // The page is drawn afresh for each view: the button that had focus gets it back by its
  // id; if it is gone, the new heading takes focus (it says where the player is now).
  function keepFocus(redraw) {
    const had = document.activeElement;
    const id = had && had !== document.body && main.contains(had) ? had.id : "";
    redraw();
    if (!id) return "";
    const again = document.getElementById(id);
    if (again && !again.disabled) { again.focus(); return ""; }
    const heading = main.querySelector("h1");
    if (heading) { heading.focus(); return "headline"; }
    return "";
  }

  function soundOn() {
    try { return localStorage.getItem(soundKey) !== "off"; } catch (e) { return true; }
  }

  // "Your turn": a short buzz where the phone can, and a soft two-note chime unless this
  // phone's player turned it off. The chime plays only once a tap has woken the audio.
  function yourTurn() {
    if (navigator.vibrate) { try { navigator.vibrate(200); } catch (e) {} }
    if (!soundOn() || !audio || audio.state !== "running") return;
    const now = audio.currentTime;
    [[660, 0], [880, 0.16]].forEach(function (note) {
      const tone = audio.createOscillator(), gain = audio.createGain();
      tone.frequency.value = note[0];
      gain.gain.setValueAtTime(0.0001, now + note[1]);
      gain.gain.exponentialRampToValueAtTime(0.18, now + note[1] + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + note[1] + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(now + note[1]);
      tone.stop(now + note[1] + 0.32);
    });
  }

  function wakeAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context || !soundOn()) return;
    try {
      // Where the phone says (Safari), the chime follows the ringer switch like other sounds.
      if (navigator.audioSession) navigator.audioSession.type = "ambient";
      if (!audio) audio = new Context();
      if (audio.state === "suspended") audio.resume().catch(function () {});
    } catch (e) { audio = null; }
  }
  document.addEventListener("click", wakeAudio, true);

  function applyStyle(style) {
    for (const name in style || {}) {
      document.documentElement.style.setProperty("--" + name, style[name]);
    }
  }

  // `toggle`: a mark or a star, given or not: its state is said (aria-pressed) and shown
  // with a tick, never by its colour alone.
  function button(offer, toggle) {
    const b = el("button", (offer.primary ? "primary " : "") + (offer.on ? "on " : "") + (toggle ? "toggle" : ""));
    b.type = "button";
    b.id = "choice-" + offer.id;
    b.textContent = offer.label;
    if (offer.points) b.appendChild(el("span", "points", "+" + offer.points));
    if (toggle) b.setAttribute("aria-pressed", offer.on ? "true" : "false");
    b.disabled = !offer.enabled;
    b.dataset.choice = offer.id;
    b.addEventListener("click", function () { send({ type: "choose", id: offer.id }); });
    return b;
  }

  function heading(text) {
    const h = el("h1", "", text);
    h.tabIndex = -1;  // focus lands here when the focused button went with the last view
    return h;
  }

  function showSeats(message) {
    myTurn = false;
    if (!message.seats || message.seats.length === 0) {
      const line = message.line || w("phone_waiting");
      const skip = keepFocus(function () {
        main.replaceChildren();
        who.textContent = "";
        main.appendChild(heading(w("phone_title", "In Kind")));
        main.appendChild(el("p", "line", line));
      });
      announce({ line: line }, skip);
      return;
    }
    const skip = keepFocus(function () { drawSeats(message); });
    announce({ headline: w("phone_pick_seat"), line: w("phone_pick_seat_hint") }, skip);
  }

  function drawSeats(message) {
    main.replaceChildren();
    who.textContent = "";
    main.appendChild(heading(w("phone_pick_seat")));
    main.appendChild(el("p", "line muted", w("phone_pick_seat_hint")));
    message.seats.forEach(function (seat) {
      const b = el("button", "", seat.name + (seat.taken ? "  ·  " + w("phone_seat_taken") : ""));
      b.type = "button";
      b.id = "seat-" + seat.seat;
      b.disabled = seat.taken;
      b.dataset.seat = seat.seat;
      b.addEventListener("click", function () { send({ type: "join", seat: seat.seat }); });
      main.appendChild(b);
    });
  }

  function showView(view) {
    const skip = keepFocus(function () { drawView(view); });
    const card = view.card || {};
    announce({
      headline: view.headline, level: card.level, prompt: card.prompt, line: view.line,
      acted: view.acted,
    }, skip);
    if (view.your_turn && !myTurn) yourTurn();
    myTurn = !!view.your_turn;
  }

  function drawView(view) {
    main.replaceChildren();
    who.textContent = view.name;
    main.appendChild(heading(view.headline));
    const card = view.card;
    if (card) {
      const box = el("section", "card");
      if (card.level) box.appendChild(el("p", "level", card.level));
      box.appendChild(el("p", "prompt", card.prompt));
      main.appendChild(box);
      (card.wilds || []).forEach(function (wild) {
        const box = el("div", "wild");
        box.appendChild(el("b", "", wild.title));
        box.appendChild(el("span", "", wild.text));
        main.appendChild(box);
      });
    }
    main.appendChild(el("p", "line", view.line));
    if (view.pictures && view.pictures.length) pictures(view);
    // The marks first, then what ends the step: mark, then "Continue".
    view.marks.forEach(function (row) {
      const box = el("section", "marks");
      box.appendChild(el("h2", "", row.title));
      row.offers.forEach(function (offer) { box.appendChild(button(offer, true)); });
      main.appendChild(box);
    });
    view.offers.forEach(function (offer) { main.appendChild(button(offer)); });
    if (view.remember.length) {
      const row = el("div", "row");
      view.remember.forEach(function (offer) { row.appendChild(button(offer, true)); });
      main.appendChild(row);
    }
    if (card && card.follow_ups && card.follow_ups.length) ideas(w("phone_follow_ups"), card.follow_ups);
    if (view.starters.length) ideas(w("phone_starters"), view.starters);
    if (view.feelings.length) {
      main.appendChild(el("h2", "", w("phone_feelings")));
      view.feelings.forEach(function (family) {
        const box = el("div", "family");
        box.appendChild(el("b", "", family.name));
        family.words.forEach(function (word) {
          const chip = el("span", "chip", word);
          chip.style.background = family.colour;
          box.appendChild(chip);
        });
        main.appendChild(box);
      });
    }
    if (view.acted) main.appendChild(el("p", "acted", view.acted));
    main.appendChild(soundButton());
  }

  function soundButton() {
    const b = el("button", "quiet toggle" + (soundOn() ? " on" : ""), w("phone_turn_sound"));
    b.type = "button";
    b.id = "turn-sound";
    b.setAttribute("aria-pressed", soundOn() ? "true" : "false");
    b.addEventListener("click", function () {
      const on = !soundOn();
      try { localStorage.setItem(soundKey, on ? "on" : "off"); } catch (e) {}
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.classList.toggle("on", on);
    });
    return b;
  }

  // The closeness check's seven pictures: two circles, "you" and the other, from apart
  // (1) to nearly one (7). Drawn as SVG elements, never parsed from text.
  function pictures(view) {
    const legend = view.legend || [];
    if (legend.length === 2) {
      const key = el("p", "legend");
      // The circles' colours with their words: the left circle is "you", the right the other.
      [["you", legend[0]], ["other", legend[1]]].forEach(function (part) {
        const item = el("span", "item");
        const swatch = el("span", "swatch " + part[0], "◯");
        swatch.setAttribute("aria-hidden", "true");
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(" " + part[1]));
        key.appendChild(item);
      });
      main.appendChild(key);
    }
    const grid = el("div", "pictures");
    view.pictures.forEach(function (picture) {
      const b = el("button", "picture");
      b.type = "button";
      b.id = "choice-" + picture.id;
      b.dataset.choice = picture.id;
      b.setAttribute("aria-label", picture.label);
      b.appendChild(circles(picture.level));
      b.appendChild(el("span", "number", picture.label));
      b.addEventListener("click", function () { send({ type: "choose", id: picture.id }); });
      grid.appendChild(b);
    });
    main.appendChild(grid);
  }

  function circles(level) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 200 90");
    svg.setAttribute("aria-hidden", "true");  // the button's label says the number
    svg.setAttribute("focusable", "false");
    const r = 32;
    const far = 2 * r + 10, near = 0.35 * r;
    const apart = far - (level - 1) * (far - near) / 6;
    [["you", 100 - apart / 2], ["other", 100 + apart / 2]].forEach(function (pair) {
      const c = document.createElementNS(ns, "circle");
      c.setAttribute("cx", String(pair[1]));
      c.setAttribute("cy", "45");
      c.setAttribute("r", String(r));
      c.setAttribute("class", pair[0]);
      svg.appendChild(c);
    });
    return svg;
  }

  function ideas(title, items) {
    main.appendChild(el("h2", "", title));
    const list = el("ul", "ideas");
    items.forEach(function (item) { list.appendChild(el("li", "", item)); });
    main.appendChild(list);
  }

  function receive(event) {
    let message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    if (message.language) {  // the words' language and direction, from the server
      document.documentElement.lang = message.language;
      document.documentElement.dir = message.dir === "rtl" ? "rtl" : "ltr";
    }
    switch (message.type) {
      case "hello":
        words = message.words || {};
        applyStyle(message.style);
        document.title = w("phone_title", "In Kind");
        status.textContent = "";
        const mine = saved();
        if (mine) send({ type: "rejoin", seat: mine.seat, key: mine.key });
        break;
      case "joined":
        save(message.seat, message.key);
        break;
      case "seats":
        showSeats(message);
        break;
      case "waiting":
        showSeats({ seats: [], line: message.line });
        break;
      case "view":
        showView(message);
        break;
      case "error":
        if (message.code === "seat_key_refused") {
          try { localStorage.removeItem(storeKey); } catch (e) {}
        } else {
          say(message.message);
        }
        break;
    }
  }

  function connect() {
    if (socket && socket.readyState <= WebSocket.OPEN) return;
    status.textContent = w("phone_connecting", "…");
    socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/" + code + "/ws");
    socket.addEventListener("open", function () { retry = 500; });
    socket.addEventListener("message", receive);
    socket.addEventListener("close", function () {
      status.textContent = w("phone_reconnecting", "…");
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") connect();  // a phone woken from sleep
  });
  connect();
})();
