"""Bộ dữ liệu (datasets): one module per dataset, each loading and validating (tier 1)."""
