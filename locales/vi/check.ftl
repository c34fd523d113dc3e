# Báo cáo của `loa check` (src/check/report.rs, src/check/translations.rs).
check-fixed = đã chuyển { $file } sang Unicode ({ $lines } dòng); bản gốc giữ ở { $backup }
check-whole-site = (cả trang)
check-translations = Bản dịch
check-no-problems = không thấy vấn đề nào
check-pages-checked = (đã kiểm tra { $pages } trang)
check-totals = { $errors } lỗi, { $warnings } cảnh báo
check-totals-rest = { $files ->
    [0] {""}
   *[other] {" "}trong { $files } tệp
} (đã kiểm tra { $pages } trang)

tr-page = trang
tr-original = bản gốc
tr-reviewed = đã kiểm tra
tr-needs-review = cần kiểm tra
tr-translated = đã dịch
tr-missing = chưa có
tr-draft = { $status } (bản nháp)
tr-missing-pages = { $count } trên { $total } trang chưa có bản tiếng `{ $lang }`: { $pages }{ $more ->
    [0] {""}
   *[other] {" "}và { $more } trang nữa
}
tr-missing-pages-hint = người đọc tiếng `{ $lang }` sẽ thấy các trang này bằng ngôn ngữ chính; muốn dịch thì thêm tệp TÊN.{ $lang }.md

# Liên kết, ảnh và dung lượng (src/check/links.rs, images.rs, budget.rs).
link-other-language = liên kết `{ $url }` dẫn đến một trang chỉ có bằng tiếng `{ $target }`, không có bằng tiếng `{ $lang }`
link-other-language-hint = người đọc trang này sẽ thấy bản tiếng `{ $target }`; hãy dịch { $file } hoặc liên kết đến trang khác
link-unsafe = liên kết `{ $url }` bắt đầu bằng `{ $scheme }:`, một kiểu địa chỉ loa không đăng (có kiểu chạy mã trong trình duyệt của người đọc); trang chỉ hiện chữ của liên kết
link-unsafe-hint = liên kết đến một địa chỉ web (https://…), một trang (`goi-111.md`) hoặc một số điện thoại (`tel:111`); loa giữ các liên kết bắt đầu bằng { $schemes }
link-missing-file = liên kết `{ $url }` trỏ đến `{ $path }`, tệp này không có
link-missing-file-hint = đặt tệp vào `static/` (và viết liên kết `/TÊN`) hoặc cạnh trang; chữ hoa, chữ thường phải giống hệt
link-email-hint = với địa chỉ thư điện tử, viết `<{ $url }>` hoặc `[…](mailto:{ $url })`
link-missing-anchor = { $file } không có đề mục nào mang mã `{ $anchor }`
link-anchor-no-headings = trang đó không có đề mục nào; bỏ phần `#…` của liên kết
link-anchor-hint = liên kết đến một trong các đề mục: { $ids }
link-anchor-hint-more = liên kết đến một trong các đề mục: { $ids } (và { $more } đề mục khác)
image-no-alt = ảnh `{ $url }` chưa có lời mô tả
image-no-alt-hint = viết ảnh cho thấy gì trong ngoặc vuông, ví dụ `{ $fixed }`: máy đọc màn hình đọc to lời này cho người khiếm thị, và nó hiện ra khi không tải được ảnh
image-missing = không có ảnh `{ $url }` (đã tìm `{ $path }`)
image-missing-hint = đặt ảnh vào `static/` (và viết `/TÊN`) hoặc cạnh trang; chữ hoa, chữ thường phải giống hệt
image-big = ảnh `{ $url }` nặng { $size } KB, hơn { $max } KB
image-big-hint = ảnh lớn tải rất chậm trên mạng 2G/3G: thu nhỏ còn tối đa 1600 điểm ảnh chiều ngang và lưu kiểu JPEG chất lượng 80
image-unsafe = địa chỉ ảnh `{ $url }` không được phép; ảnh bị bỏ ra
image-unsafe-hint = dùng một tệp của trang (`/img/ap-phich.jpg`) hoặc một địa chỉ https://
image-not-a-picture = `{ $url }` không phải là ảnh
image-not-a-picture-hint = ảnh là tệp .jpg, .png hoặc .webp trong `static/` hoặc cạnh trang
budget-first-screen = màn hình đầu của `{ $page }` nặng { $total } KB (HTML nén { $html } KB, ảnh { $pictures } KB, phông chữ { $fonts } KB), hơn mức { $budget } KB
budget-first-screen-hint = điện thoại dùng mạng 2G phải chờ tải hết: đưa ảnh lớn xuống dưới trang, hoặc dùng ảnh nhỏ hơn
budget-page = trang web `{ $page }` nén lại nặng { $size } KB, hơn mức { $budget } KB
budget-page-hint = trang sẽ không mở được trong một lượt trên mạng 2G/3G yếu: viết ngắn lại, chia làm nhiều trang, hoặc đưa bảng và danh sách dài sang trang riêng

# Dữ liệu cá nhân và bảng mã chữ (src/check/mod.rs).
privacy-phone = số điện thoại `{ $number }` sẽ bị công bố
privacy-phone-hint = chỉ công bố số chính thức: xóa số này đi; nếu là số liên hệ chính thức thì thêm vào `privacy.allow` trong loa.yaml
privacy-citizen-id = `{ $number }` giống số căn cước công dân (CCCD)
privacy-id-hint = không bao giờ công bố số giấy tờ tùy thân: xóa đi
privacy-old-id = `{ $number }` giống số chứng minh nhân dân (CMND, 9 chữ số)
privacy-old-id-hint = không bao giờ công bố số giấy tờ tùy thân: xóa đi (nếu không phải số giấy tờ, thêm vào `privacy.allow` trong loa.yaml)
privacy-birth-date = ngày sinh (`{ $date }`) đứng cạnh một cái tên
privacy-birth-date-hint = không được để nhận ra nạn nhân và nhân chứng: xóa ngày sinh, hoặc xóa tên
encoding-nfd = tệp có chữ bị tách dấu (kiểu NFD)
encoding-nfd-hint = loa tự ghép dấu (NFC) khi tạo trang nên trang web vẫn đúng; lưu tệp bằng trình soạn thảo khác để tránh lỗi khi tìm chữ
encoding-fix-hint = dòng này phải là "{ $converted }"; chạy `loa check --fix-encoding` để chuyển tệp sang Unicode (bản gốc giữ ở { $file }.bak)
encoding-legacy-line = dòng này là chữ mã { $encoding } dán từ văn bản cũ: "{ $original }"
encoding-more-lines = còn { $count } dòng nữa dùng mã cũ: { $lines }
encoding-leftover = `{ $word }` có thể là chữ mã cũ (TCVN3) còn sót: đọc ra là `{ $reading }`
encoding-leftover-hint = nếu muốn viết `{ $reading }` thì sửa lại chữ này; nếu `{ $word }` là đúng thì cứ để nguyên (đây chỉ là cảnh báo)
encoding-mixed = tệp dùng lẫn nhiều bảng mã: { $parts }
encoding-mixed-hint = `loa check --fix-encoding` chuyển các dòng mã cũ và giữ nguyên các dòng Unicode
encoding-on-lines = { $encoding } ở { $count ->
   *[other] dòng
} { $lines }
encoding-nothing-changed = tệp này không bị thay đổi gì
