"""Charts: one ChartSpec, rendered by matplotlib (PDF/PNG) and as native PPTX charts."""
