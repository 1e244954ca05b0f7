"""Ngữ cảnh trang (page contexts): one module per section, models -> contexts."""
