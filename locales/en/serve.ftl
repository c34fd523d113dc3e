# `loa serve`: the browser and the terminal (src/serve/, src/main.rs).
serve-overlay-heading = The site could not be rebuilt. Fix this and save again; below is the last good version.
serve-listening = Serving at { $url } (press Ctrl-C to stop)
serve-errors = { $count ->
    [one] { $count } error: the browser shows it
   *[other] { $count } errors: the browser shows them
}; the rest of the site is the last good version
serve-rebuilt-all = Rebuilt the whole site ({ $files } files) in { $ms } ms
serve-rebuilt-edit = Rebuilt the edit ({ $files } files) in { $ms } ms
serve-panic = loa stopped with an internal error while rebuilding the site ({ $what }); the last good version is still served
serve-panic-hint = this is a bug in loa, not a mistake in your text: undo the last change and save again, and report the bug to the loa developers with this message (not the file: it may hold private details)
serve-no-thread = cannot start the thread that rebuilds the site ({ $reason })
serve-no-thread-hint = the computer may be short of memory: close other programs and start `loa serve` again
serve-loop-died = loa serve stopped with an internal error
serve-loop-died-hint = this is a bug in loa: start `loa serve` again, and report it to the loa developers
serve-cannot-listen = cannot listen on { $address } ({ $reason })
serve-cannot-listen-hint = another program may be using this port: choose another with `--port`, or `--port 0` for any free one
serve-cannot-accept = cannot start answering requests ({ $reason })
serve-cannot-accept-hint = the system may be out of threads or file handles: close other programs and start `loa serve` again
serve-cannot-watch = cannot watch the site for changes ({ $reason })
serve-cannot-watch-hint = on Linux, raise fs.inotify.max_user_watches; the site is still served but not rebuilt
serve-not-found = Not found.
