"""The book as the tests and `make bench` see it: copied, built strictly, served on loopback and
opened in headless Chromium (`harness.site`). Not part of the `sahel` package."""
