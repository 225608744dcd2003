/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // npm test builds into .next-test so it never replaces the build a running `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Security headers (Content-Security-Policy with a nonce per page, framing, HSTS…) are set by
  // server.ts for every response it passes to Next: lib/http/security-headers.ts.
};

export default nextConfig;
