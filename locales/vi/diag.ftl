# Nhãn của mỗi thông báo (src/diag.rs).
diag-error = lỗi
diag-warning = cảnh báo
diag-hint = cách sửa
