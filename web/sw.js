// Follicle's service worker: keeps the built app on the tablet so that it starts with
// no network. scripts/finish_build.py writes this file into each build with BUILD (a
// hash of every built file) and FILES (their paths) filled in; a new build therefore
// means a new sw.js, which the browser installs beside the running one. The new worker
// waits until the app tells it to take over (the user tapped 重新载入 on the
// 新版本可用 banner), so a screen being filled in is never reloaded from under anyone.
// Customer data never passes through here: it lives in IndexedDB.
"use strict";

const BUILD = "__FOLLICLE_BUILD__";
const FILES = __FOLLICLE_FILES__;
const INDEX = "__FOLLICLE_INDEX__";
const CACHE = "follicle-" + BUILD;

self.addEventListener("install", (event) => {
  // `reload`: fetch past the HTTP cache, so the cache holds exactly this build.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith("follicle-") && k !== CACHE).map((k) => caches.delete(k)))),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // Cache first: the app shell never waits for the network. Every route of the
  // single-page app is the same index.html.
  const key = request.mode === "navigate" ? INDEX : request;
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(key)).then((hit) => hit || fetch(request)));
});
