"""Tests that open the built sample site in headless Chromium (Debian's ``chromium`` package)."""
