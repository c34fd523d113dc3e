# Labels of each finding (src/diag.rs).
diag-error = error
diag-warning = warning
diag-hint = hint
