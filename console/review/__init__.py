"""Review before anything reaches the public: per-account policies saying which replies wait for a
supervisor, the queue of held replies and articles (one to three levels, each by a different person),
and the character diff a reviewer reads. The hub calls these inside its own transactions."""
