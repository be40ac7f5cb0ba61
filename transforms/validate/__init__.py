"""Stage 2, validation: typed clean_<kind> tables, quarantine, validation_results, file_gates."""

from transforms.validate.validation import ValidationSummary, validate

__all__ = ["ValidationSummary", "validate"]
