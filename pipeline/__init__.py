"""ETL pipeline: "Foreign relations of X" articles (and other seed documents) -> a Frictionless Data Package."""

__version__ = "0.1.0"
