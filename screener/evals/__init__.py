"""The eval harness: run a promptfoo-format config against screener's graders and measure grading quality.

- ``loading.load_suite(path)``: the config (promptfoo's format; ``metadata.screener`` for screener's settings).
- ``runner.run_suite(suite, RunOptions)``: every test, concurrently, cached on disk.
- ``results.build_document``: promptfoo's v3 results JSON plus a ``screener`` key with the metrics.
- ``metrics``: accuracy, Cohen's kappa, quadratic weighted kappa, competency MAE, grounded-quote rate, ...
- ``compare.compare_documents``: before/after/delta of every metric, flipped tests, the regression gate.
- ``reports.write_report``: JSON, JSONL, CSV, JUnit XML, HTML.
"""
