"""Safety for a hiring tool: prompt-injection defence, blind grading, bias checks."""
