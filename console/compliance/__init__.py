"""Issue 7: what the state inspection of government new media checks, measured per account (`panel`),
the account register an office must keep (`register`) and the quarterly self-check report (`report`,
written as PDF by `pdf` and as Excel by `console.sheets`). No Qt here."""
