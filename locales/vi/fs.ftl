# fs
