// Service worker: lessons a learner has opened (and the styles, scripts, fonts and images they
// need) are kept on the device, so they can be read again with no network. Network first: a
// fresh copy replaces the saved one whenever the network answers.
"use strict";
var CACHE = "hocvuso-lessons-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function keep(url) {
  return /^\/learn\/lessons\/\d+$/.test(url.pathname) ||
    /^\/(css|js|lib)\//.test(url.pathname) ||
    /^\/learn\/media\//.test(url.pathname);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !keep(url)) { return; }
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(url.pathname, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(url.pathname).then(function (saved) {
        return saved || Response.error();
      });
    })
  );
});
