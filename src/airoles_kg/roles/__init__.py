"""Roles for people: names resolved to IRIs, summaries, comparisons, listings and their text."""
