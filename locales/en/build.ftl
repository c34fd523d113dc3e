# What `loa build` and `loa new` say, and progress (src/main.rs, src/progress.rs).
build-summary = Made { $made } in { $seconds } s → { $out }
build-unchanged = Nothing changed since the last build, so { $out } stays as it is: { $made }
build-edited = { $count ->
    [one] only the edited page and the pages that show it were made again; everything else was kept from the last build
   *[other] only the { $count } edited pages and the pages that show them were made again; everything else was kept from the last build
}
build-languages = pages per language: { $languages }
build-copies = each poster and leaflet comes in 2 copies: one for the print shop (with bleed and crop marks) and one for an office printer (the -office.pdf file)
build-kits = offline kits, to copy onto a USB stick or send by Zalo: { $kits }
build-kit-size = { $lang } { $kb } KB
made-web = { $count ->
    [one] { $count } web page
   *[other] { $count } web pages
}
made-posters = { $count ->
    [one] { $count } poster
   *[other] { $count } posters
}
made-leaflets = { $count ->
    [one] { $count } leaflet
   *[other] { $count } leaflets
}
made-banners = { $count ->
    [one] { $count } banner
   *[other] { $count } banners
}
made-scripts = { $count ->
    [one] { $count } loudspeaker script
   *[other] { $count } loudspeaker scripts
}
made-bulletins = { $count ->
    [one] { $count } bulletin
   *[other] { $count } bulletins
}
made-sms = { $count ->
    [one] { $count } SMS text
   *[other] { $count } SMS texts
}
build-failed = the build failed; the output folder was not changed
new-failed = nothing was created
serve-failed = the site is not being served
run-errors = { $count ->
    [one] { $count } error
   *[other] { $count } errors
}: { $what }
new-created = Created a new site in { $dir }. Build it with: loa build { $dir }
progress-line = { $what } · { $files ->
    [one] { $files } file
   *[other] { $files } files
}
progress-converting = converting old-encoding text to Unicode
progress-loading = reading the content
progress-pictures = preparing pictures
progress-posters = laying out posters
progress-leaflets = laying out leaflets
progress-banners = laying out banners
progress-scripts = writing loudspeaker scripts
progress-sms = writing SMS texts
progress-share = drawing share cards
progress-files = copying files
progress-web = making web pages
progress-checking = checking links and pictures
progress-publishing = putting the result in place
# Comments in the files `loa new` writes (src/scaffold.rs).
new-yaml-header = The site's settings. Lines starting with # are comments, which loa does not read.
    How to write each key: docs/huong-dan.md and the README (section loa.yaml).
new-yaml-title = The site's title and a short description.
new-yaml-base-url = The site's real address. Change it before printing: the QR codes on posters and leaflets point here.
new-yaml-languages = The main language and the others. A page's translation is named NAME.CODE.md, e.g. goi-111.hmn.md.
new-yaml-hotline = The hotline number, printed on every poster, leaflet, loudspeaker script and SMS.
new-yaml-issuer = The body that issues the campaign, printed on posters and leaflets.
new-page-title = The page's title (required) and a short description.
new-page-date = The date as YEAR-MONTH-DAY; tags are a list in square brackets.
new-page-outputs = What loa makes from this page, from: web poster leaflet banner broadcast sms
    (web page, poster, leaflet, banner, loudspeaker script, SMS), e.g. [web, poster, sms].
new-page-review = This translation has not been checked by a native speaker: everything printed from it says "draft".
    Once it is checked, write status: reviewed.
