"""Report specs (templates/) resolved against a region's data into a Report document."""
