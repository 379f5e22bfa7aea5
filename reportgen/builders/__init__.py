"""One builder per output format, all with the contract of ``base.Builder``."""
