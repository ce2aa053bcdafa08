// Service worker: keeps on the device what a learner needs with no network, network first (a fresh
// copy replaces the saved one whenever the network answers):
// - pages: the home page, the course catalogue (/learn) and lessons, in one cache per language,
//   since the same address reads in Vietnamese or in English by the language cookie; with no
//   network the copy in the language chosen now is shown, never the other one;
// - styles, scripts, fonts and lesson media, the same in every language;
// - the team members' capture app (/team/app, its manifest and icon), which team-app.js keeps in
//   its own cache so that it opens and records with no network.
// The home page and the catalogue are kept when the worker installs; js/offline.js keeps the page
// it runs on, the learner's current module, and a module the learner chooses to download.
"use strict";
var PAGES = "hocvuso-pages-v2-";
var ASSETS = "hocvuso-assets-v2";
var TEAM_CACHE = "hocvuso-team-v1";
var LANGUAGES = ["vi", "en"];
var KEPT = LANGUAGES.map(function (l) { return PAGES + l; }).concat([ASSETS, TEAM_CACHE]);
var CULTURE_COOKIE = ".AspNetCore.Culture";
var LANGUAGE_KEY = "/__hocvuso/language";

function isPage(url) {
  return /^\/(learn(\/lessons\/\d+)?)?$/.test(url.pathname);
}

function isAsset(url) {
  return /^\/(css|js|lib)\//.test(url.pathname) || /^\/learn\/media\//.test(url.pathname);
}

function isTeamApp(url) {
  return /^\/team\/(app|manifest\.webmanifest|icon\.svg)$/.test(url.pathname);
}

/** The language a page is written in, from its <html lang>: the server answers in the language of the cookie. */
function languageOf(html) {
  var match = /<html[^>]*\slang="([a-zA-Z-]+)"/.exec(html);
  return match && match[1].toLowerCase().indexOf("en") === 0 ? "en" : "vi";
}

/** The language chosen now: the culture cookie (c=…|uic=…) where the worker can read cookies, else the language of the last page kept. */
function chosenLanguage() {
  var remembered = function () {
    return caches.open(ASSETS).then(function (cache) { return cache.match(LANGUAGE_KEY); })
      .then(function (saved) { return saved ? saved.text() : "vi"; });
  };
  if (!self.cookieStore) { return remembered(); }
  return self.cookieStore.get(CULTURE_COOKIE).then(function (cookie) {
    var value = cookie ? decodeURIComponent(cookie.value) : "";
    var ui = /(?:^|\|)uic=([^|]+)/.exec(value);
    return ui && ui[1].toLowerCase().indexOf("en") === 0 ? "en" : "vi";
  }).catch(remembered);
}

/** Keeps a page in the cache of its own language. A sign-in page reached by a redirect is not the page asked for: never kept in its place. */
function keepPage(key, response) {
  if (!response.ok || response.redirected) { return Promise.resolve(); }
  var copy = response.clone();
  return response.clone().text().then(function (html) {
    var language = languageOf(html);
    return Promise.all([
      caches.open(PAGES + language).then(function (cache) { return cache.put(key, copy); }),
      caches.open(ASSETS).then(function (cache) { return cache.put(LANGUAGE_KEY, new Response(language)); }),
    ]);
  });
}

function keepAsset(cacheName, key, response) {
  if (!response.ok || response.redirected) { return Promise.resolve(); }
  var copy = response.clone();
  return caches.open(cacheName).then(function (cache) { return cache.put(key, copy); });
}

self.addEventListener("install", function (event) {
  self.skipWaiting();
  event.waitUntil(Promise.all(["/", "/learn"].map(function (path) {
    return fetch(path, { credentials: "same-origin" })
      .then(function (response) { return keepPage(path, response); })
      .catch(function () { /* kept on the next visit */ });
  })));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return /^hocvuso-/.test(name) && KEPT.indexOf(name) < 0; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  var page = isPage(url);
  if (!page && !isAsset(url) && !isTeamApp(url)) { return; }
  var key = page ? url.pathname + url.search : url.pathname;
  event.respondWith(
    fetch(request).then(function (response) {
      event.waitUntil(page ? keepPage(key, response) : keepAsset(isTeamApp(url) ? TEAM_CACHE : ASSETS, key, response));
      return response;
    }).catch(function () {
      var saved = page
        ? chosenLanguage().then(function (language) { return caches.open(PAGES + language); }).then(function (cache) { return cache.match(key); })
        : caches.match(key);
      return saved.then(function (response) { return response || Response.error(); });
    })
  );
});
