"""What the project runs beside the twins, not in them: the benchmark (`bench`), the claims
ledger (`claims`), the load test (`load`), the container builder (`containers`), and the type
stubs mypy reads for untyped dependencies (`stubs`)."""
