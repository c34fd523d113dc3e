# The report of `loa check` (src/check/report.rs, src/check/translations.rs).
check-fixed = converted { $file } to Unicode ({ $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
}); the original is kept as { $backup }
check-whole-site = (whole site)
check-translations = Translations
check-no-problems = no problems found
check-pages-checked = ({ $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
} checked)
check-totals = { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}
check-totals-rest = { $files ->
    [0] {""}
    [one] {" "}in { $files } file
   *[other] {" "}in { $files } files
} ({ $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
} checked)

tr-page = page
tr-original = original
tr-reviewed = reviewed
tr-needs-review = needs review
tr-translated = translated
tr-missing = missing
tr-draft = { $status } (draft)
tr-missing-pages = { $count } of { $total } pages have no `{ $lang }` version: { $pages }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}
tr-missing-pages-hint = readers of `{ $lang }` see these pages in the default language; add NAME.{ $lang }.md files to translate them
