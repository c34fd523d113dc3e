# What `loa build` and `loa new` say, and progress (src/main.rs, src/progress.rs).
build-summary = Made { $made } in { $seconds } s → { $out }
build-languages = pages per language: { $languages }
build-copies = each poster and leaflet comes in 2 copies: one for the print shop (with bleed and crop marks) and one for an office printer (the -office.pdf file)
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
