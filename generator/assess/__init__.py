"""Self-assessment: the checklist a provider fills in, read back and evaluated with machine checks."""
