# Labels of each finding (src/diag.rs).
diag-error = error
diag-warning = warning
diag-hint = hint
# Transitional, while messages move into the catalogue.
untranslated = { $text }
