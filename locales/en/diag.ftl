# Labels of each finding (src/diag.rs).
diag-error = error
diag-warning = warning
diag-hint = hint
diag-more-errors = … and { $count ->
    [one] { $count } more error
   *[other] { $count } more errors
} of the same kind in { $file } (`loa check` lists them all)
diag-more-warnings = … and { $count ->
    [one] { $count } more warning
   *[other] { $count } more warnings
} of the same kind in { $file } (`loa check` lists them all)
