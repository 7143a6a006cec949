"""The allocation engine (pure Python). Being written."""
