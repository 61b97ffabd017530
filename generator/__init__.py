"""opvang: tender requirements for Dutch social-shelter care (maatschappelijke opvang) as code."""

__version__ = "0.1.0"
