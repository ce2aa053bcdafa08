// Learning with no network (service worker: sw.js). On every page: registers the worker and keeps
// this page if it is one a learner reads offline (home, catalogue, lesson). On the catalogue: keeps
// the signed-in learner's current module, offers each module for download ("tải để học không cần
// mạng": its lessons and their media) and marks the lessons this device holds. Pages are kept in
// the cache of the language they are written in, so English and Vietnamese copies never mix.
// Without JavaScript or a service worker the site works the same, online.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !("caches" in window)) { return; }
  var language = (document.documentElement.lang || "vi").toLowerCase().indexOf("en") === 0 ? "en" : "vi";
  var PAGES = "hocvuso-pages-v2-" + language;
  var ASSETS = "hocvuso-assets-v2";
  var page = /^\/(learn(\/lessons\/\d+)?)?$/;
  var asset = /^\/(css|js|lib)\/|^\/learn\/media\//;
  var controlled = !!navigator.serviceWorker.controller;

  function open(name) { return caches.open(name); }

  /** Downloads url into the cache under key; with mode "force-cache" a file just loaded comes from the browser's cache. */
  function put(cacheName, key, url, mode) {
    return fetch(url, { credentials: "same-origin", cache: mode || "default" }).then(function (response) {
      if (!response.ok || response.redirected) { throw new Error(key + ": HTTP " + response.status); }
      return open(cacheName).then(function (cache) { return cache.put(key, response.clone()); }).then(function () { return response; });
    });
  }

  function putIfMissing(cacheName, key, url, mode) {
    return open(cacheName).then(function (cache) { return cache.match(key); }).then(function (saved) {
      return saved || put(cacheName, key, url, mode);
    });
  }

  /** Same-origin styles, scripts, fonts and media a page uses. */
  function assetsOf(doc) {
    var urls = [];
    doc.querySelectorAll("link[rel='stylesheet'][href], script[src], img[src], source[src], audio[src], video[src], track[src]").forEach(function (element) {
      var url = new URL(element.getAttribute("href") || element.getAttribute("src"), location.href);
      if (url.origin === location.origin && asset.test(url.pathname)) { urls.push(url); }
    });
    return urls;
  }

  /** Keeps a lesson page and its media. */
  function keepLesson(id) {
    var path = "/learn/lessons/" + id;
    return put(PAGES, path, path).then(function (response) { return response.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      return Promise.all(assetsOf(doc).map(function (url) { return putIfMissing(ASSETS, url.pathname, url.pathname + url.search); }));
    });
  }

  /** Keeps every lesson of a module, one after the other (gentle on a slow connection). */
  function keepModule(module) {
    var ids = Array.prototype.map.call(module.querySelectorAll(".offline-mark[data-lesson]"), function (mark) { return mark.getAttribute("data-lesson"); });
    return ids.reduce(function (done, id) { return done.then(function () { return keepLesson(id); }); }, Promise.resolve());
  }

  /** Shows the mark of every lesson this device holds in this language. */
  function markSaved() {
    return open(PAGES).then(function (cache) { return cache.keys(); }).then(function (requests) {
      var saved = {};
      requests.forEach(function (request) {
        var match = new URL(request.url).pathname.match(/^\/learn\/lessons\/(\d+)$/);
        if (match) { saved[match[1]] = true; }
      });
      document.querySelectorAll(".offline-mark").forEach(function (mark) {
        if (saved[mark.getAttribute("data-lesson")]) { mark.hidden = false; }
      });
    });
  }

  function tell(box, state) {
    var status = box.querySelector("[data-saving]");
    if (status) { status.textContent = status.getAttribute("data-" + state); }
    box.setAttribute("data-state", state);
  }

  function download(module) {
    var box = module.querySelector(".keep-module");
    var button = box && box.querySelector("button");
    if (button) { button.disabled = true; }
    if (box) { tell(box, "saving"); }
    return keepModule(module).then(function () {
      if (box) { tell(box, "saved"); }
    }, function () {
      if (box) { tell(box, "failed"); }
    }).then(function () {
      if (button) { button.disabled = false; }
      return markSaved();
    });
  }

  /** This page and what it loaded before the worker was in control. */
  function keepThisPage() {
    var key = location.pathname + location.search;
    var assets = performance.getEntriesByType("resource")
      .map(function (entry) { return new URL(entry.name); })
      .filter(function (url) { return url.origin === location.origin && asset.test(url.pathname); })
      .map(function (url) { return putIfMissing(ASSETS, url.pathname, url.pathname + url.search, "force-cache").catch(function () { /* readable without it */ }); });
    // Under the worker's control the page went through it and is kept already; else it is fetched anew.
    var own = controlled ? putIfMissing(PAGES, key, key) : put(PAGES, key, key);
    return Promise.all([own].concat(assets));
  }

  function catalogue() {
    var modules = document.querySelectorAll("li.module");
    modules.forEach(function (module) {
      var box = module.querySelector(".keep-module");
      if (!box) { return; }
      box.hidden = false;
      box.querySelector("button").addEventListener("click", function () { download(module); });
    });
    // The signed-in learner's current module, the one "continue" leads into, is kept without asking.
    var next = document.getElementById("continue");
    var id = next && (new URL(next.href).pathname.match(/^\/learn\/lessons\/(\d+)$/) || [])[1];
    var mark = id && document.querySelector(".offline-mark[data-lesson='" + id + "']");
    var current = mark && mark.closest("li.module");
    return current ? download(current) : markSaved();
  }

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    return Promise.all([navigator.serviceWorker.ready, document.fonts ? document.fonts.ready : null]);
  }).then(function () {
    var kept = page.test(location.pathname) ? keepThisPage() : Promise.resolve();
    var said = kept.then(function () {
      var status = document.getElementById("offline-status");
      if (status) {
        status.textContent = status.getAttribute("data-saved");
        status.hidden = false;
      }
    });
    return Promise.all([said, location.pathname === "/learn" ? catalogue() : null]);
  }).then(function () {
    // Says, for whoever checks (the tests), that this page is kept.
    document.documentElement.setAttribute("data-offline", "ready");
  }).catch(function () { /* offline reading is an extra */ });
})();
