# `loa serve`: trình duyệt và cửa sổ lệnh (src/serve/, src/main.rs).
serve-overlay-heading = Không dựng lại được trang. Hãy sửa lỗi dưới đây rồi lưu lại; bên dưới là bản tốt gần nhất.
serve-listening = Đang mở trang xem thử tại { $url } (bấm Ctrl-C để dừng)
serve-errors = { $count } lỗi: trình duyệt đang hiện lỗi; phần còn lại của trang là bản tốt gần nhất
serve-rebuilt-all = Đã dựng lại cả trang ({ $files } tệp) trong { $ms } ms
serve-rebuilt-edit = Đã dựng lại phần vừa sửa ({ $files } tệp) trong { $ms } ms
serve-panic = loa dừng vì một lỗi bên trong khi dựng lại trang ({ $what }); bản tốt gần nhất vẫn đang được hiện
serve-panic-hint = đây là lỗi của loa, không phải lỗi trong bài viết của bạn: hoàn tác lần sửa cuối rồi lưu lại, và báo lỗi cho người phát triển loa kèm thông báo này (không gửi tệp: có thể có thông tin riêng tư)
serve-no-thread = không khởi động được phần dựng lại trang ({ $reason })
serve-no-thread-hint = máy có thể đang thiếu bộ nhớ: đóng bớt chương trình rồi chạy lại `loa serve`
serve-loop-died = loa serve dừng vì một lỗi bên trong
serve-loop-died-hint = đây là lỗi của loa: chạy lại `loa serve`, và báo lỗi cho người phát triển loa
serve-cannot-listen = không mở được trang xem thử ở { $address } ({ $reason })
serve-cannot-listen-hint = có thể một chương trình khác đang dùng cổng này: chọn cổng khác bằng `--port`, hoặc `--port 0` để lấy một cổng còn trống
serve-cannot-accept = không bắt đầu trả lời trình duyệt được ({ $reason })
serve-cannot-accept-hint = máy có thể đã dùng hết tài nguyên: đóng bớt chương trình rồi chạy lại `loa serve`
serve-cannot-watch = không theo dõi được các thay đổi của trang ({ $reason })
serve-cannot-watch-hint = trên Linux, tăng fs.inotify.max_user_watches; trang vẫn xem được nhưng không tự dựng lại
