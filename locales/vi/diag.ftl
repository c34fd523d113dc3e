# Nhãn của mỗi thông báo (src/diag.rs).
diag-error = lỗi
diag-warning = cảnh báo
diag-hint = cách sửa
# Tạm thời, trong lúc chuyển các thông báo sang danh mục.
untranslated = { $text }
