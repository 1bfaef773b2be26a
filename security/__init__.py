"""Project-wide web security: response headers (CSP, Permissions-Policy, framing), request
limits (body size, malformed input), the CSRF failure page and the production start-up checks.

It sits on the top floor with config: it may import the apps below it, none imports it."""
