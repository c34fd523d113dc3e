# Kết quả của `loa build`, `loa new` và tiến độ (src/main.rs, src/progress.rs).
build-summary = Đã tạo { $made } trong { $seconds } giây → { $out }
build-unchanged = Không có gì thay đổi kể từ lần tạo trước, nên { $out } giữ nguyên: { $made }
build-edited = chỉ làm lại { $count } trang vừa sửa cùng các trang liên quan; mọi thứ khác giữ như lần tạo trước
build-languages = trang theo ngôn ngữ: { $languages }
build-copies = mỗi áp phích và tờ rơi có 2 bản: bản cho xưởng in (có lề xén và dấu cắt) và bản cho máy in văn phòng (tệp -office.pdf)
build-kits = bộ tài liệu dùng không cần mạng, để chép vào USB hoặc gửi qua Zalo: { $kits }
build-kit-size = { $lang } { $kb } KB
made-web = { $count } trang web
made-posters = { $count } áp phích
made-leaflets = { $count } tờ rơi
made-banners = { $count } băng rôn
made-scripts = { $count } bài phát thanh
made-bulletins = { $count } bản tin phát thanh
made-sms = { $count } tin nhắn
build-failed = không tạo được trang; thư mục kết quả vẫn giữ nguyên như trước
new-failed = không tạo gì cả
serve-failed = chưa mở được trang xem thử
run-errors = { $count } lỗi: { $what }
new-created = Đã tạo trang mới trong { $dir }. Tạo trang web và tài liệu bằng lệnh: loa build { $dir }
progress-line = { $what } · { $files } tệp
progress-converting = đang chuyển chữ mã cũ sang Unicode
progress-loading = đang đọc nội dung
progress-pictures = đang xử lý ảnh
progress-posters = đang dàn trang áp phích
progress-leaflets = đang dàn trang tờ rơi
progress-banners = đang dàn trang băng rôn
progress-scripts = đang viết bài phát thanh
progress-sms = đang viết tin nhắn
progress-share = đang vẽ ảnh chia sẻ
progress-files = đang chép tệp
progress-web = đang tạo trang web
progress-checking = đang kiểm tra liên kết và ảnh
progress-publishing = đang đưa kết quả vào thư mục
# Lời chú thích trong các tệp `loa new` tạo ra (src/scaffold.rs).
new-yaml-header = Cài đặt của trang. Dòng bắt đầu bằng # là lời chú thích, loa không đọc.
    Cách viết từng mục: docs/huong-dan.md và README (phần loa.yaml).
new-yaml-title = Tên và lời giới thiệu của trang web.
new-yaml-base-url = Địa chỉ thật của trang web. Sửa trước khi in: mã QR trên áp phích và tờ rơi trỏ về đây.
new-yaml-languages = Ngôn ngữ chính và các ngôn ngữ khác. Bản dịch của một trang đặt tên TÊN.MÃ.md, ví dụ goi-111.hmn.md.
new-yaml-hotline = Số đường dây nóng, in trên mọi áp phích, tờ rơi, bài phát thanh và tin nhắn.
new-yaml-issuer = Cơ quan phát hành, in trên áp phích và tờ rơi.
new-page-title = Tên trang (bắt buộc) và lời mô tả ngắn.
new-page-date = Ngày viết theo kiểu NĂM-THÁNG-NGÀY; chủ đề là một danh sách trong ngoặc vuông.
new-page-outputs = Những gì loa tạo từ trang này, chọn trong: web poster leaflet banner broadcast sms
    (trang web, áp phích, tờ rơi, băng rôn, bài phát thanh, tin nhắn), ví dụ [web, poster, sms].
new-page-review = Bản dịch này chưa được người bản ngữ kiểm tra: mọi tài liệu in ra đều ghi "bản nháp".
    Khi đã kiểm tra xong, viết status: reviewed.
