"""ETL pipeline: seed documents about Mali's foreign relations -> a Frictionless Data Package."""

__version__ = "0.1.0"
