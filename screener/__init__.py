"""screener: eval-style interview screening with evidence-grounded scorecards."""

__version__ = "0.1.0"
