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
