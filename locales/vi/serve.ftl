# `loa serve`: trình duyệt và cửa sổ lệnh (src/serve/, src/main.rs).
serve-overlay-heading = Không dựng lại được trang. Hãy sửa lỗi dưới đây rồi lưu lại; bên dưới là bản tốt gần nhất.
serve-listening = Đang mở trang xem thử tại { $url } (bấm Ctrl-C để dừng)
serve-errors = { $count } lỗi: trình duyệt đang hiện lỗi; phần còn lại của trang là bản tốt gần nhất
serve-rebuilt-all = Đã dựng lại cả trang ({ $files } tệp) trong { $ms } ms
serve-rebuilt-edit = Đã dựng lại phần vừa sửa ({ $files } tệp) trong { $ms } ms
