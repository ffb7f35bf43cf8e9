"""Notification channels that ship with the core (the maildir, for development)."""
