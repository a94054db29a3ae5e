"""Browser tests: Playwright drives headless Chromium against a running app server."""
