"""The provider's staff roster (``personeel.csv``, contract §2) and the staff rules checked against it."""
