"""Colleagues who sign in: passwords (argon2id), sessions (hashed tokens, sliding expiry, lockout),
and the staff directory an administrator keeps. Hub only: credentials and sessions never sync."""
