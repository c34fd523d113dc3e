# Nhãn của mỗi thông báo (src/diag.rs).
diag-error = lỗi
diag-warning = cảnh báo
diag-hint = cách sửa
diag-more-errors = … và { $count } lỗi khác cùng loại trong { $file } (`loa check` liệt kê đủ)
diag-more-warnings = … và { $count } cảnh báo khác cùng loại trong { $file } (`loa check` liệt kê đủ)
