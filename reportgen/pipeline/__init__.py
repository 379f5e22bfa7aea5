"""Incremental builds: plan jobs from content hashes, run outdated ones, write atomically."""
