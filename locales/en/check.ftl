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

# Links, pictures and sizes (src/check/links.rs, images.rs, budget.rs).
link-other-language = the link `{ $url }` leads to a page that exists only in `{ $target }`, not in `{ $lang }`
link-other-language-hint = readers of this page get the `{ $target }` version; translate { $file } or link to another page
link-unsafe = the link `{ $url }` starts with `{ $scheme }:`, a kind of address loa does not publish (some run code in the reader's browser); the page shows only the link's text
link-unsafe-hint = link to a web address (https://…), a page (`goi-111.md`) or a phone number (`tel:111`); loa keeps links that start with { $schemes }
link-missing-file = the link `{ $url }` points to `{ $path }`, which does not exist
link-missing-file-hint = put the file in `static/` (and link `/NAME`) or next to the page; letters and case must match
link-email-hint = for an e-mail address write `<{ $url }>` or `[…](mailto:{ $url })`
link-missing-anchor = { $file } has no heading with the id `{ $anchor }`
link-anchor-no-headings = that page has no headings; remove the `#…` part of the link
link-anchor-hint = link to one of its headings: { $ids }
link-anchor-hint-more = link to one of its headings: { $ids } (and { $more } more)
image-no-alt = the picture `{ $url }` has no description
image-no-alt-hint = write what it shows between the brackets, e.g. `{ $fixed }`: screen readers read it aloud for blind readers, and it shows when the picture cannot load
image-missing = the picture `{ $url }` does not exist (looked for `{ $path }`)
image-missing-hint = put the picture in `static/` (and write `/NAME`) or next to the page; letters and case must match
image-big = the picture `{ $url }` is { $size } KB, more than { $max } KB
image-big-hint = large pictures load slowly on 2G/3G: resize it to at most 1600 pixels wide and save it as JPEG quality 80
image-unsafe = the picture address `{ $url }` is not allowed; the picture is left out
image-unsafe-hint = use a file of the site (`/img/poster.jpg`) or an https:// address
image-not-a-picture = `{ $url }` is not a picture
image-not-a-picture-hint = a picture is a .jpg, .png or .webp file in `static/` or next to the page
budget-first-screen = the first screen of `{ $page }` weighs { $total } KB (HTML { $html } KB gzipped, pictures { $pictures } KB, fonts { $fonts } KB), over the budget of { $budget } KB
budget-first-screen-hint = a phone on 2G waits for all of it: move big pictures further down the page, or use smaller ones
budget-page = the web page `{ $page }` is { $size } KB gzipped, over the budget of { $budget } KB
budget-page-hint = it will not open in one round trip on a weak 2G/3G link: shorten the page, split it, or move long tables and lists to pages of their own

# Personal data and text encodings (src/check/mod.rs).
privacy-phone = the phone number `{ $number }` would be published
privacy-phone-hint = publish only official numbers: remove it, or if it is an official contact add it to `privacy.allow` in loa.yaml
privacy-citizen-id = `{ $number }` looks like a citizen ID number (CCCD)
privacy-id-hint = never publish ID numbers: remove it
privacy-old-id = `{ $number }` looks like an ID card number (CMND, 9 digits)
privacy-old-id-hint = never publish ID numbers: remove it (if it is not an ID, add it to `privacy.allow` in loa.yaml)
privacy-birth-date = a date of birth (`{ $date }`) next to a name
privacy-birth-date-hint = victims and witnesses must not be recognisable: remove the date of birth, or the name
encoding-nfd = the file has decomposed (NFD) letters
encoding-nfd-hint = loa composes them (NFC) when it builds, so the site is fine; saving the file from another editor avoids surprises when searching
encoding-fix-hint = it should read "{ $converted }"; run `loa check --fix-encoding` to convert the file to Unicode (the original is kept as { $file }.bak)
encoding-legacy-line = this line is { $encoding } text pasted from an old document: "{ $original }"
encoding-more-lines = { $count } more lines are in an old encoding: { $lines }
encoding-leftover = `{ $word }` may be text left in an old encoding (TCVN3): it would read `{ $reading }`
encoding-leftover-hint = if `{ $reading }` is meant, correct the word by hand; if `{ $word }` is right, leave it (this is a warning)
encoding-mixed = the file mixes encodings: { $parts }
encoding-mixed-hint = `loa check --fix-encoding` converts the old-encoding lines and leaves the Unicode ones as they are
encoding-on-lines = { $encoding } on { $count ->
    [one] line
   *[other] lines
} { $lines }
encoding-nothing-changed = nothing was changed in this file
