"""安全清单 (security checklist): what each account's office must check, how often and by when; each time
it was done, with the evidence and a supervisor's sign-off. Items the console can verify itself
(safe mode, secrets in the key store, a recent backup, a working interaction channel) are marked from
its own checks, never on someone's word.

Modules: `periods` (period arithmetic, due dates, states), `defaults` (the default list and installing
it), `self_checks` (the console's own checks), `backup` (online SQLite backups), `commands` (the hub
commands desks send), `views` (rows for the desk and the quarterly report)."""
