# Pictures, scripts, SMS, web pages, QR codes, themes (src/render/, src/qr.rs, src/theme.rs).
picture-problem = { $file }: { $reason }
picture-damaged = the picture is damaged, so loa cannot remove the location and camera data from it
picture-damaged-hint = open it and save it again as JPEG or PNG, or remove it
picture-refused = loa cannot remove location and camera data from .{ $ext } pictures, so it does not publish them
picture-refused-hint = save the picture as JPEG or PNG (phones: share it as "most compatible"), then use that file
picture-unknown = this file is not a picture loa can read
picture-unknown-hint = use a JPEG, PNG or WebP picture (export it again from the phone or editor)
picture-wrong-ext = the file name says `.{ $ext }` but the picture inside is { $real }
picture-wrong-ext-hint = rename the file to end in `.{ $real }`, and update the link
picture-format = { $format } pictures are not resized
picture-format-hint = convert it to JPEG (photos) or PNG (drawings)
picture-incomplete = the picture file is incomplete (it was cut off while copying or downloading)
picture-incomplete-hint = copy the picture again from the original
picture-too-big = the picture is too large to process safely
picture-too-big-hint = resize it below { $side }×{ $side } pixels and { $megapixels } megapixels
picture-unreadable = the picture cannot be read ({ $reason })
picture-unreadable-hint = the file may be damaged or only partly copied: copy it again from the original
picture-reencode = the picture could not be saved again ({ $reason })
picture-reencode-hint = try saving it again as JPEG or PNG
broadcast-too-long = the loudspeaker script takes about { $seconds } s to read, longer than `broadcast.max_seconds: { $max }`
broadcast-too-long-hint = shorten the page or split it in two; at { $pace } syllables a second, { $max } s is about { $fits } syllables and the script has { $syllables }
share-glyph = the character `{ $ch }` ({ $code }) in the word “{ $word }” is in no font of the theme, so { $picture } leaves it out
share-picture-share = the page's share picture
share-picture-social = the page's social network picture
share-glyph-hint = the web page shows it as written; to draw it in the picture too, add a font that has it to `themes/NAME/fonts/`
sms-too-long = the SMS needs { $parts } parts ({ $chars } characters, counted as { $units } { $encoding } units), more than `sms.budget_parts: { $budget }`
sms-too-long-plain = the SMS without diacritics needs { $parts } parts ({ $chars } characters, counted as { $units } { $encoding } units), more than `sms.budget_parts: { $budget }`
sms-shorten-hint = shorten `sms:` by { $over ->
    [one] { $over } character
   *[other] { $over } characters
}, or raise `sms.budget_parts` in loa.yaml
sms-from-title-hint = the message is made from the title; add a shorter `sms:` line (at most { $capacity } characters), or raise `sms.budget_parts` in loa.yaml
web-template-failed = cannot make the page with the template `{ $template }`: { $reason }
web-template-failed-hint = check the template, or the `template:` key of the page
web-template-not-text = the template `{ $name }` is not saved as UTF-8 text
web-template-error = a template has an error: { $reason }
web-template-error-hint = fix the template in `themes/NAME/templates/`, or delete it to use the built-in one
qr-too-long = no QR code can hold `{ $text }` ({ $reason })
qr-too-long-hint = use a shorter `base_url` or page address
theme-missing = the theme `{ $name }` is not in `themes/`
theme-missing-hint = create `themes/{ $name }/` or remove `theme:` to use the built-in theme
theme-unreadable = cannot read the theme ({ $reason })
new-not-empty = { $dir } already exists and is not empty
new-not-empty-hint = choose a new folder name; loa never overwrites existing files
picture-outside = the picture is a link to a file outside the site, which loa does not publish
picture-outside-hint = copy the picture into the site (next to the page, or under `static/`)
broadcast-too-long-repeat-hint = the script is read { $times } times (`broadcast: {"{"}repeat: { $times }{"}"}`); lower `repeat`, or shorten the page or split it in two; at { $pace } syllables a second, { $max } s is about { $fits } syllables and the script has { $syllables }
