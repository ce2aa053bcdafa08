// Service worker: lessons a learner has opened (and the styles, scripts, fonts and images they
// need) are kept on the device, so they can be read again with no network. The team members'
// capture app (/team/app, its manifest and icon; its script and lib/idb are under /js and /lib)
// is kept the same way, so it opens and records with no network. Network first: a fresh copy
// replaces the saved one whenever the network answers.
"use strict";
var CACHE = "hocvuso-lessons-v1";
var TEAM_CACHE = "hocvuso-team-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function teamApp(url) {
  return /^\/team\/(app|manifest\.webmanifest|icon\.svg)$/.test(url.pathname);
}

function keep(url) {
  return /^\/learn\/lessons\/\d+$/.test(url.pathname) ||
    /^\/(css|js|lib)\//.test(url.pathname) ||
    /^\/learn\/media\//.test(url.pathname) ||
    teamApp(url);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !keep(url)) { return; }
  event.respondWith(
    fetch(request).then(function (response) {
      // A sign-in page reached by a redirect is not the page asked for: never keep it in its place.
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(teamApp(url) ? TEAM_CACHE : CACHE).then(function (cache) { cache.put(url.pathname, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(url.pathname).then(function (saved) {
        return saved || Response.error();
      });
    })
  );
});
