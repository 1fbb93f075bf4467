"""The claims ledger: every checkable claim of the 2020 Flask-to-FastAPI article, judged by
code that runs on the locked versions (`docs/claims.md`, written by `make claims`)."""
