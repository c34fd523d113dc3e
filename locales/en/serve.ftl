# `loa serve`: the browser and the terminal (src/serve/, src/main.rs).
serve-overlay-heading = The site could not be rebuilt. Fix this and save again; below is the last good version.
serve-listening = Serving at { $url } (press Ctrl-C to stop)
serve-errors = { $count ->
    [one] { $count } error: the browser shows it
   *[other] { $count } errors: the browser shows them
}; the rest of the site is the last good version
serve-rebuilt-all = Rebuilt the whole site ({ $files } files) in { $ms } ms
serve-rebuilt-edit = Rebuilt the edit ({ $files } files) in { $ms } ms
