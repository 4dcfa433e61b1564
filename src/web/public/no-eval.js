// Loaded before the app, as a classic script (index.html): the pages' Content-Security-Policy forbids eval,
// so zod must not probe for it when the app builds its schemas (the browser reports the probe as a
// violation even though zod catches it). A module could not run early enough: the bundle evaluates zod first.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
