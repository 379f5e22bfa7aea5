"""``reportgen data import``: wide statistics tables (regions × indicators) into rows."""
