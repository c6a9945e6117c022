"""Report formats shared by several features (SARIF 2.1.0)."""
