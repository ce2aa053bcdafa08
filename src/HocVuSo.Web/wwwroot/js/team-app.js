// The team members' capture app (/team/app): activities are saved on the phone first (IndexedDB,
// through the idb library in /lib/idb), then sent in batches to the server when there is a
// network: on opening, when the phone comes back online, and on demand. Each entry keeps the id
// it was given on the phone, so a batch sent twice is recognised and never counted twice; an edit
// raises the entry's revision. The page registers the service worker and saves itself with its
// styles and scripts, so it opens again with no network.
(function () {
  "use strict";
  var root = document.getElementById("team-app");
  if (!root) { return; }

  var STATUSES = ["queued", "synced", "conflict", "rejected"];
  var STORE = "activities";
  var TEAM_CACHE = "hocvuso-team-v1";
  var MAX_BATCH = 200;
  var KEEP_SYNCED_DAYS = 60;

  var villages = JSON.parse(root.getAttribute("data-villages") || "[]");
  var topics = JSON.parse(root.getAttribute("data-topics") || "[]");
  var words = JSON.parse(root.getAttribute("data-strings") || "{}");
  var user = root.getAttribute("data-user") || "anonymous";
  var villageNames = {};
  villages.forEach(function (v) { villageNames[v.code] = v.name; });
  var topicLabels = {};
  topics.forEach(function (topic) { topicLabels[topic.key] = topic.label; });

  var form = document.getElementById("capture-form");
  var formHeading = document.getElementById("form-heading");
  var formMessage = document.getElementById("form-message");
  var syncCount = document.getElementById("sync-count");
  var syncMessage = document.getElementById("sync-message");
  var syncButton = document.getElementById("sync-now");
  var cancelButton = document.getElementById("cancel-edit");
  var readyHint = document.getElementById("offline-ready");
  var field = function (id) { return document.getElementById(id); };
  var topicBoxes = Array.prototype.slice.call(form.querySelectorAll("input[name='topics']"));
  var editing = null;

  function t(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    return (words[key] || key).replace(/\{(\d+)\}/g, function (_, i) { return args[i] === undefined ? "" : String(args[i]); });
  }

  function say(element, text) {
    element.textContent = text || "";
  }

  // The server counts days in Viet Nam's time, whatever the phone's time zone.
  function todayInVietnam() {
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
      return parts.year + "-" + parts.month + "-" + parts.day;
    } catch (e) {
      var d = new Date();
      return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
    }
  }

  function displayDate(iso) {
    var p = String(iso || "").split("-");
    return p.length === 3 ? p[2] + "/" + p[1] + "/" + p[0] : String(iso || "");
  }

  // The date field is typed day/month/year (05/03/2026) whatever the phone's language; entries keep yyyy-MM-dd.
  function isoDate(text) {
    var m = /^\s*(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})\s*$/.exec(String(text || ""));
    return m ? m[3] + "-" + m[2].padStart(2, "0") + "-" + m[1].padStart(2, "0") : String(text || "").trim();
  }

  function newClientId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") { return window.crypto.randomUUID(); }
    // Pages served over plain http on a local network have no randomUUID: same kind of id (v4).
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return x.toString(16).padStart(2, "0"); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // Each account keeps its own queue, should two members share a phone.
  var dbPromise = window.idb
    ? window.idb.openDB("hocvuso-team-" + user, 1, {
      upgrade: function (db) {
        var store = db.createObjectStore(STORE, { keyPath: "clientId" });
        store.createIndex("status", "status");
      },
    })
    : Promise.reject(new Error("idb is not loaded"));
  dbPromise.catch(function () { say(formMessage, t("teamapp.storage_error")); });

  // ---- The form ----

  function setToday() {
    var today = todayInVietnam();
    if (!editing) { field("f-date").value = displayDate(today); }
  }

  // Back to the app on another day: the latest date allowed moves on; what was typed stays.
  function refreshToday() {
    var date = field("f-date");
    if (!date.value) { date.value = displayDate(todayInVietnam()); }
  }

  function updateValidity() {
    var chosen = topicBoxes.some(function (box) { return box.checked; });
    topicBoxes[0].setCustomValidity(chosen ? "" : t("teamapp.need_topic"));
    var participants = parseInt(field("f-participants").value, 10);
    topicBoxes.forEach(function (box) {
      var wrapper = field("helped-" + box.value);
      wrapper.hidden = !box.checked;
      wrapper.querySelector("input").max = participants > 0 ? String(participants) : "500";
    });
  }

  function readForm() {
    var chosen = topicBoxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    var helped = {};
    chosen.forEach(function (key) {
      var value = field("h-" + key).value;
      if (value !== "") { helped[key] = parseInt(value, 10); }
    });
    var duration = field("f-duration").value;
    return {
      type: field("f-type").value,
      villageCode: field("f-village").value,
      date: isoDate(field("f-date").value),
      topics: chosen,
      participants: parseInt(field("f-participants").value, 10),
      place: field("f-place").value.trim(),
      durationMinutes: duration === "" ? null : parseInt(duration, 10),
      notes: field("f-notes").value.trim(),
      helpedByTopic: helped,
    };
  }

  function fillForm(entry) {
    field("f-type").value = entry.type;
    field("f-village").value = entry.villageCode;
    field("f-date").value = displayDate(entry.date);
    topicBoxes.forEach(function (box) {
      box.checked = entry.topics.indexOf(box.value) >= 0;
      var helped = entry.helpedByTopic && entry.helpedByTopic[box.value];
      field("h-" + box.value).value = helped === undefined || helped === null ? "" : String(helped);
    });
    field("f-participants").value = String(entry.participants);
    field("f-place").value = entry.place || "";
    field("f-duration").value = entry.durationMinutes === null || entry.durationMinutes === undefined ? "" : String(entry.durationMinutes);
    field("f-notes").value = entry.notes || "";
    updateValidity();
  }

  // After saving, the type, village, date and place stay: the next entry is often from the same outing.
  function clearForm() {
    editing = null;
    topicBoxes.forEach(function (box) { box.checked = false; field("h-" + box.value).value = ""; });
    ["f-participants", "f-duration", "f-notes"].forEach(function (id) { field(id).value = ""; });
    formHeading.textContent = t("teamapp.new_entry");
    cancelButton.hidden = true;
    setToday();
    updateValidity();
  }

  function startEditing(entry, source) {
    editing = entry.clientId;
    fillForm(source || entry);
    formHeading.textContent = t("teamapp.editing");
    cancelButton.hidden = false;
    say(formMessage, "");
    formHeading.setAttribute("tabindex", "-1");
    formHeading.focus();
    formHeading.scrollIntoView({ block: "start" });
  }

  form.addEventListener("change", updateValidity);
  form.addEventListener("input", updateValidity);
  cancelButton.addEventListener("click", function () { clearForm(); say(formMessage, ""); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    updateValidity();
    if (!form.reportValidity()) { return; }
    var values = readForm();
    var now = new Date().toISOString();
    var wasEditing = editing;
    dbPromise.then(function (db) {
      if (!wasEditing) {
        var entry = Object.assign({ clientId: newClientId(), revision: 1, status: "queued", savedAt: now }, values);
        return db.put(STORE, entry);
      }
      var tx = db.transaction(STORE, "readwrite");
      return tx.store.get(wasEditing).then(function (old) {
        old = old || { clientId: wasEditing, revision: 0 };
        // An edit goes above every revision seen, the server's copy included, so that it wins.
        var revision = Math.max(old.revision || 0, old.server && old.server.revision || 0) + 1;
        var entry = Object.assign({}, old, values, { revision: revision, status: "queued", message: null, reason: null, server: null, savedAt: now });
        return tx.store.put(entry);
      }).then(function () { return tx.done; });
    }).then(function () {
      if (navigator.storage && navigator.storage.persist) { navigator.storage.persist().catch(function () { /* best effort */ }); }
      clearForm();
      say(formMessage, t(wasEditing ? "teamapp.updated" : "teamapp.saved"));
      return render();
    }).then(function () {
      sync();
    }).catch(function () {
      say(formMessage, t("teamapp.storage_error"));
    });
  });

  // ---- The lists ----

  function describe(entry) {
    var lines = [];
    lines.push(t("teamapp.people_count", entry.participants));
    var topicText = (entry.topics || []).map(function (key) {
      var label = topicLabels[key] || key;
      var helped = entry.helpedByTopic && entry.helpedByTopic[key];
      return helped === undefined || helped === null ? label : t("teamapp.helped_count", label, helped);
    }).join(", ");
    if (topicText) { lines.push(topicText); }
    if (entry.durationMinutes) { lines.push(t("teamapp.minutes", entry.durationMinutes)); }
    if (entry.place) { lines.push(entry.place); }
    lines.push(t("teamapp.revision", entry.revision));
    var box = document.createElement("div");
    var head = document.createElement("p");
    head.className = "entry-title";
    var strong = document.createElement("strong");
    strong.textContent = t("teamapp.type." + entry.type);
    head.appendChild(strong);
    head.appendChild(document.createTextNode(" — " + (villageNames[entry.villageCode] || entry.villageCode) + " — " + displayDate(entry.date)));
    box.appendChild(head);
    var meta = document.createElement("p");
    meta.className = "entry-meta";
    meta.textContent = lines.join(" · ");
    box.appendChild(meta);
    if (entry.notes) {
      var notes = document.createElement("p");
      notes.className = "entry-notes";
      notes.textContent = entry.notes;
      box.appendChild(notes);
    }
    return box;
  }

  function titleOf(entry) {
    return t("teamapp.type." + entry.type) + ", " + (villageNames[entry.villageCode] || entry.villageCode) + ", " + displayDate(entry.date);
  }

  function actionButton(label, entry, action, secondary) {
    var button = document.createElement("button");
    button.type = "button";
    if (secondary) { button.className = "secondary"; }
    button.setAttribute("data-action", action);
    button.appendChild(document.createTextNode(label));
    // The accessible name starts with the visible label (voice control), then says which entry.
    var which = document.createElement("span");
    which.className = "visually-hidden";
    which.textContent = ": " + titleOf(entry);
    button.appendChild(which);
    button.addEventListener("click", function () { act(action, entry.clientId); });
    return button;
  }

  function renderEntry(entry) {
    var item = document.createElement("li");
    item.className = "entry";
    item.setAttribute("data-client-id", entry.clientId);
    item.setAttribute("data-status", entry.status);
    var badge = document.createElement("span");
    badge.className = "badge status-" + entry.status;
    badge.textContent = t("teamapp.status." + entry.status);
    item.appendChild(badge);
    if (entry.status === "conflict" && entry.server) {
      var compare = document.createElement("div");
      compare.className = "compare";
      [[t("teamapp.local_copy"), entry, "local"], [t("teamapp.server_copy"), entry.server, "server"]].forEach(function (side) {
        var copy = document.createElement("div");
        copy.className = "copy copy-" + side[2];
        var heading = document.createElement("h4");
        heading.textContent = side[0];
        copy.appendChild(heading);
        copy.appendChild(describe(side[1]));
        compare.appendChild(copy);
      });
      item.appendChild(compare);
    } else {
      item.appendChild(describe(entry));
    }
    if (entry.message && entry.status !== "synced") {
      var message = document.createElement("p");
      message.className = "entry-message";
      message.textContent = entry.message;
      item.appendChild(message);
    }
    var actions = document.createElement("div");
    actions.className = "actions";
    actions.appendChild(actionButton(t("teamapp.edit"), entry, "edit", entry.status !== "conflict"));
    if (entry.status === "conflict" && entry.server) { actions.appendChild(actionButton(t("teamapp.keep_server"), entry, "keep-server", true)); }
    if (entry.status === "rejected") { actions.appendChild(actionButton(t("teamapp.remove"), entry, "remove", true)); }
    item.appendChild(actions);
    return item;
  }

  function render() {
    return dbPromise.then(function (db) { return db.getAll(STORE); }).then(function (all) {
      all.sort(function (a, b) { return String(b.date).localeCompare(String(a.date)) || String(b.savedAt).localeCompare(String(a.savedAt)); });
      STATUSES.forEach(function (status) {
        var mine = all.filter(function (e) { return e.status === status; });
        var list = document.getElementById("list-" + status);
        while (list.firstChild) { list.removeChild(list.firstChild); }
        mine.forEach(function (e) { list.appendChild(renderEntry(e)); });
        var group = document.getElementById("group-" + status);
        group.querySelector(".entry-count").textContent = String(mine.length);
        group.querySelector(".entry-empty").hidden = mine.length > 0;
      });
      var pending = all.filter(function (e) { return e.status === "queued"; }).length;
      root.setAttribute("data-pending", String(pending));
      say(syncCount, pending > 0 ? t("teamapp.pending", pending) : t("teamapp.all_synced"));
    });
  }

  function act(action, clientId) {
    dbPromise.then(function (db) {
      return db.get(STORE, clientId).then(function (entry) {
        if (!entry) { return null; }
        if (action === "edit") {
          startEditing(entry);
          return null;
        }
        if (action === "remove") {
          return db.delete(STORE, clientId);
        }
        if (action === "keep-server" && entry.server) {
          var s = entry.server;
          var kept = Object.assign({}, entry, {
            type: s.type, villageCode: s.villageCode, date: s.date, topics: s.topics || [], participants: s.participants,
            place: s.place || "", durationMinutes: s.durationMinutes, notes: s.notes || "", helpedByTopic: s.helpedByTopic || {},
            revision: s.revision, status: "synced", server: null, message: null, reason: null, serverId: s.id, syncedAt: new Date().toISOString(),
          });
          if (editing === clientId) { clearForm(); }
          say(formMessage, t("teamapp.kept_server"));
          return db.put(STORE, kept);
        }
        return null;
      });
    }).then(render).catch(function () { say(formMessage, t("teamapp.storage_error")); });
  }

  // ---- Sync ----

  function payload(entry) {
    return {
      clientId: entry.clientId,
      type: entry.type,
      villageCode: entry.villageCode,
      date: entry.date,
      topics: entry.topics,
      participants: entry.participants,
      place: entry.place || null,
      durationMinutes: entry.durationMinutes === undefined ? null : entry.durationMinutes,
      notes: entry.notes || null,
      helpedByTopic: entry.helpedByTopic || {},
      revision: entry.revision,
    };
  }

  function applyResults(db, sent, results) {
    var sentById = {};
    sent.forEach(function (e) { sentById[e.clientId] = e; });
    var tx = db.transaction(STORE, "readwrite");
    var now = new Date().toISOString();
    return Promise.all(results.map(function (result) {
      var was = sentById[result.clientId];
      if (!was) { return null; }
      return tx.store.get(result.clientId).then(function (entry) {
        // Edited while the batch was on its way: the newer revision goes with the next batch.
        if (!entry || entry.status !== "queued" || entry.revision !== was.revision) { return null; }
        entry.reason = result.reason || null;
        entry.message = result.message || null;
        entry.serverId = result.id || entry.serverId || null;
        if (result.status === "accepted" || result.status === "duplicate") {
          entry.status = "synced";
          entry.server = null;
          entry.message = null;
          entry.syncedAt = now;
        } else if (result.status === "conflict") {
          entry.status = "conflict";
          entry.server = result.server || null;
        } else {
          entry.status = "rejected";
        }
        return tx.store.put(entry);
      });
    })).then(function () { return tx.done; });
  }

  // The API takes the sign-in cookie for writes only with a fresh antiforgery token in a header
  // (the page itself may come from the offline cache, so its own token could be stale).
  function post(batch) {
    return fetch("/api/v1/auth/antiforgery", { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { return response; }
        return response.json().then(function (antiforgery) {
          var headers = { "Content-Type": "application/json", "Accept": "application/json" };
          headers[antiforgery.headerName] = antiforgery.token;
          return fetch("/api/v1/teams/activities/sync", {
            method: "POST",
            credentials: "same-origin",
            headers: headers,
            body: JSON.stringify({ items: batch.map(payload) }),
          });
        });
      });
  }

  function signInAgain() {
    say(syncMessage, t("teamapp.sign_in_again") + " ");
    var link = document.createElement("a");
    link.href = "/Account/Login?ReturnUrl=" + encodeURIComponent("/team/app");
    link.textContent = t("nav.sign_in");
    syncMessage.appendChild(link);
  }

  // Sends every queued entry, in batches; a failure leaves them queued for the next try.
  function syncOnce(db) {
    return db.getAllFromIndex(STORE, "status", "queued").then(function (queued) {
      if (queued.length === 0) { return "nothing"; }
      if (navigator.onLine === false) {
        say(syncMessage, t("teamapp.offline"));
        return "offline";
      }
      say(syncMessage, t("teamapp.syncing"));
      var next = function (start) {
        if (start >= queued.length) {
          say(syncMessage, t("teamapp.sync_done"));
          return "done";
        }
        var batch = queued.slice(start, start + MAX_BATCH);
        return post(batch).then(function (response) {
          if (response.status === 401 || response.redirected) {
            signInAgain();
            return "signed-out";
          }
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json().then(function (body) {
            return applyResults(db, batch, (body && body.results) || []);
          }).then(function () { return next(start + MAX_BATCH); });
        });
      };
      return next(0).catch(function () {
        say(syncMessage, t(navigator.onLine === false ? "teamapp.offline" : "teamapp.sync_failed"));
        return "failed";
      });
    });
  }

  var running = null;
  var again = false;
  function sync() {
    if (running) {
      again = true;
      return running;
    }
    running = dbPromise.then(function (db) {
      var round = function () {
        again = false;
        return syncOnce(db).then(function (outcome) {
          return again && outcome === "done" ? round() : outcome;
        });
      };
      return round();
    }).catch(function () { /* the storage message is already shown */ })
      .then(function () { running = null; return render(); })
      .catch(function () { running = null; });
    return running;
  }

  syncButton.addEventListener("click", function () { sync(); });
  window.addEventListener("online", function () { sync(); });
  window.addEventListener("offline", function () { say(syncMessage, t("teamapp.offline")); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      refreshToday();
      sync();
    }
  });
  // A weak signal may come back without an "online" event: try again now and then.
  window.setInterval(function () {
    if (root.getAttribute("data-pending") !== "0" && navigator.onLine !== false) { sync(); }
  }, 120000);

  // Entries synced long ago have done their job on the phone.
  function prune() {
    var limit = new Date(Date.now() - KEEP_SYNCED_DAYS * 86400000).toISOString();
    return dbPromise.then(function (db) {
      return db.getAllFromIndex(STORE, "status", "synced").then(function (synced) {
        return Promise.all(synced.filter(function (e) { return e.syncedAt && e.syncedAt < limit; })
          .map(function (e) { return db.delete(STORE, e.clientId); }));
      });
    });
  }

  // ---- Offline: the service worker, and this page saved with what it needs ----

  function saveForOffline() {
    if (!("serviceWorker" in navigator) || !("caches" in window)) { return; }
    var keep = /^\/(css|js|lib)\//;
    var put = function (cache, key, url, mode) {
      return fetch(url, { credentials: "same-origin", cache: mode }).then(function (response) {
        if (!response.ok || response.redirected) { throw new Error(key + ": HTTP " + response.status); }
        return cache.put(key, response);
      });
    };
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      return Promise.all([navigator.serviceWorker.ready, document.fonts ? document.fonts.ready : null]);
    }).then(function () {
      return caches.open(TEAM_CACHE);
    }).then(function (cache) {
      // This page and the files it loaded before the worker was in control. Styles, scripts and
      // fonts were just downloaded: "force-cache" takes them from the browser's cache.
      var assets = performance.getEntriesByType("resource")
        .map(function (entry) { return new URL(entry.name); })
        .filter(function (url) { return url.origin === location.origin && keep.test(url.pathname); })
        .map(function (url) { return put(cache, url.pathname, url.pathname + url.search, "force-cache").catch(function () { /* opens without it */ }); });
      var own = ["/team/manifest.webmanifest", "/team/icon.svg"].map(function (path) {
        return put(cache, path, path, "no-cache").catch(function () { /* installable without it */ });
      });
      return Promise.all([put(cache, location.pathname, location.pathname, "no-cache")].concat(own, assets));
    }).then(function () {
      root.setAttribute("data-offline-ready", "true");
      say(readyHint, t("teamapp.offline_ready"));
      readyHint.hidden = false;
    }).catch(function () { /* offline use is an extra: recording online still works */ });
  }

  clearForm();
  render().then(prune).then(sync).catch(function () { /* the storage message is already shown */ });
  saveForOffline();
})();
