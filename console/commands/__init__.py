"""The one command path: refusals, argument schemas, the registry of command kinds and the dispatcher."""
