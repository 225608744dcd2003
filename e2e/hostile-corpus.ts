// The hostile-input corpus: what people paste and what scripts send. Each
// spec decides what a field must do with each kind (refuse it, or store it
// exactly as typed and show it escaped).

export const MB = 1024 * 1024;

/** Text that shows nothing at all: every text field must refuse it. */
export const INVISIBLE: Record<string, string> = {
  "empty": "",
  "whitespace only": " \u3000\u00A0\u2003 ",
  "zero-width only": "\u200B\u200C\u200D\u2060\uFEFF",
  "bidi isolates only": "\u2066\u2067\u2068\u2069",
  "bidi overrides only": "\u202A\u202B\u202C\u202D\u202E",
  "variation selectors only": "\uFE0F\uFE0E",
  "Hangul fillers only": "\u3164\u115F\u1160\uFFA0",
  "braille blanks only": "\u2800\u2800",
};

/** Control characters and half a surrogate pair: refused wherever a person's text is stored. */
export const CONTROL: Record<string, string> = {
  "a NUL": "Ann\u0000Lee",
  "a bell and a terminal escape": "Ann\u0007\u001B[2J",
  "DEL and a C1 control": "Ann\u007F\u0085Lee",
  "half a surrogate pair": "Ann\uD800Lee",
};

/**
 * Text that is fine to store, and must be stored exactly (after NFC and with
 * bidi controls removed) and shown escaped: markup, SQL, scripts of every
 * direction, emoji, combining marks.
 */
export const LITERAL: Record<string, { sent: string; stored: string }> = {
  "a script tag": { sent: "<script>alert(1)</script>", stored: "<script>alert(1)</script>" },
  "an image with onerror": { sent: '<img src=x onerror="alert(1)">', stored: '<img src=x onerror="alert(1)">' },
  "SQL metacharacters": { sent: "Robert'); DROP TABLE users;-- \\ % _", stored: "Robert'); DROP TABLE users;-- \\ % _" },
  "a right-to-left override": { sent: "\u202Etxt.exe\u202C Eve", stored: "txt.exe Eve" },
  "decomposed accents": { sent: "Zoe\u0308 Nun\u0303ez", stored: "Zoë Nuñez" },
  "Arabic and emoji": { sent: "مريم 👩‍👩‍👧 🇯🇵 👋🏽", stored: "مريم 👩‍👩‍👧 🇯🇵 👋🏽" },
};

/** Ids that are not a positive 32-bit integer, as JSON can carry them. */
export const BAD_IDS: Record<string, unknown> = {
  "negative": -1,
  "zero": 0,
  "fractional": 1.5,
  "past 32 bits": 2 ** 31,
  "huge": 1e308,
  "a numeric string": "1",
  "a hex string": "0x10",
  "null": null,
  "a boolean": true,
  "an array": [1],
  "an object": { id: 1 },
  "a SQL string": "1 OR 1=1",
};

/** Payloads of the wrong shape for any event that takes an object. */
export const WRONG_SHAPES: Record<string, unknown> = {
  "nothing (callback only)": undefined,
  "null": null,
  "a string": "just a string",
  "a number": 42,
  "an array": [],
  "an empty object": {},
};

/**
 * Stream URLs whose origin must never reach a Content-Security-Policy: each
 * would end the frame-src directive, widen it, add a second policy, or name
 * something that is no plain host. The event form refuses them all, and the
 * policy of a page whose event already holds one (stored before they were
 * refused) allows no stream site.
 */
export const UNFRAMABLE_STREAM_URLS: Record<string, string> = {
  "a semicolon (a directive of its own)": "https://evil.example;sandbox/",
  "a wildcard host": "https://*/",
  "a wildcard subdomain": "https://*.example.com/live",
  "a comma (a second policy)": "https://a.example,https://b.example/",
  "single quotes (a keyword)": "https://'unsafe-inline'.example/",
  "double quotes": 'https://"evil".example/',
  "a space in the host": "https://evil .example/",
  "a space after the host": "https://evil.example sandbox/",
  "a tab in the host": "https://evil\t.example/",
  "a newline in the host": "https://evil\n.example/",
  "an encoded semicolon": "https://evil.example%3Bsandbox/",
  "a user and password": "https://user:pw@video.example.com/",
  "an empty user": "https://@video.example.com/",
  "a user before a semicolon": "https://x;sandbox@video.example.com/",
  "an IPv6 literal": "https://[2001:db8::1]/live",
  "an underscore": "https://video_stream.example.com/",
  "a trailing dot": "https://video.example.com./",
  "a label starting with a dash": "https://-video.example.com/",
  "a 64-character label": `https://${"v".repeat(64)}.example.com/`,
  "a port out of range": "https://video.example.com:99999/",
  "backslashes for slashes": "https:\\\\video.example.com\\live",
  "no host": "https://",
  "a data URL": "data:text/html,<script>alert(1)</script>",
  "javascript": "javascript:alert(1)",
  "protocol-relative": "//evil.example/x",
};

/** Stream URLs the event form accepts, and the one origin each puts in frame-src. */
export const FRAMABLE_STREAM_URLS: Record<string, { sent: string; origin: string }> = {
  "an embed URL": { sent: "https://www.youtube.com/embed/abc?autoplay=1#t=10", origin: "https://www.youtube.com" },
  "a port": { sent: "https://video.example.com:8443/live", origin: "https://video.example.com:8443" },
  "the default port": { sent: "https://video.example.com:443/live", origin: "https://video.example.com" },
  "capitals": { sent: "HTTPS://Video.Example.COM/Live", origin: "https://video.example.com" },
  "an international name (sent as punycode)": { sent: "https://bücher.example/live", origin: "https://xn--bcher-kva.example" },
  "full-width letters": { sent: "https://ｖｉｄｅｏ.example/", origin: "https://video.example" },
  "an IPv4 literal": { sent: "https://192.0.2.10/live", origin: "https://192.0.2.10" },
  "an IPv4 literal in hex": { sent: "https://0xc0.0.2.10/live", origin: "https://192.0.2.10" },
  "an encoded letter": { sent: "https://%76ideo.example.com/", origin: "https://video.example.com" },
  "a semicolon in the path": { sent: "https://video.example.com/a;b,c*'d", origin: "https://video.example.com" },
};
