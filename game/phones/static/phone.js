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
  let socket = null;
  let words = {};
  let retry = 500;
  let toastTimer = null;

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

  function applyStyle(style) {
    for (const name in style || {}) {
      document.documentElement.style.setProperty("--" + name, style[name]);
    }
  }

  function button(offer, extraClass) {
    const b = el("button", (offer.primary ? "primary " : "") + (offer.on ? "on " : "") + (extraClass || ""));
    b.textContent = offer.label;
    if (offer.points) b.appendChild(el("span", "points", "+" + offer.points));
    b.disabled = !offer.enabled;
    b.dataset.choice = offer.id;
    b.addEventListener("click", function () { send({ type: "choose", id: offer.id }); });
    return b;
  }

  function showSeats(message) {
    main.replaceChildren();
    who.textContent = "";
    if (!message.seats || message.seats.length === 0) {
      main.appendChild(el("p", "line", message.line || w("phone_waiting")));
      return;
    }
    main.appendChild(el("h1", "", w("phone_pick_seat")));
    main.appendChild(el("p", "line muted", w("phone_pick_seat_hint")));
    message.seats.forEach(function (seat) {
      const b = el("button", "", seat.name + (seat.taken ? "  ·  " + w("phone_seat_taken") : ""));
      b.disabled = seat.taken;
      b.dataset.seat = seat.seat;
      b.addEventListener("click", function () { send({ type: "join", seat: seat.seat }); });
      main.appendChild(b);
    });
  }

  function showView(view) {
    main.replaceChildren();
    who.textContent = view.name;
    main.appendChild(el("h1", "", view.headline));
    const card = view.card;
    if (card) {
      const box = el("div", "card");
      if (card.level) box.appendChild(el("div", "level", card.level));
      box.appendChild(el("div", "prompt", card.prompt));
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
      const box = el("div", "marks");
      box.appendChild(el("h3", "", row.title));
      row.offers.forEach(function (offer) { box.appendChild(button(offer)); });
      main.appendChild(box);
    });
    view.offers.forEach(function (offer) { main.appendChild(button(offer)); });
    if (view.remember.length) {
      const row = el("div", "row");
      view.remember.forEach(function (offer) { row.appendChild(button(offer)); });
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
  }

  // The closeness check's seven pictures: two circles, "you" and the other, from apart
  // (1) to nearly one (7). Drawn as SVG elements, never parsed from text.
  function pictures(view) {
    const legend = view.legend || [];
    if (legend.length === 2) {
      const key = el("p", "legend");
      key.appendChild(el("span", "you", "◯ " + legend[0]));
      key.appendChild(el("span", "other", "   ◯ " + legend[1]));
      main.appendChild(key);
    }
    const grid = el("div", "pictures");
    view.pictures.forEach(function (picture) {
      const b = el("button", "picture");
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
