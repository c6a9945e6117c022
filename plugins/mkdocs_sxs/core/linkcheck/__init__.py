"""Cross-link checking of sxs docsets: one link model for the build and the `check` command."""

from .checker import CheckOptions, check_path
from .model import DEFAULT_LEVELS, CheckResult, Finding

__all__ = ["CheckOptions", "CheckResult", "DEFAULT_LEVELS", "Finding", "check_path"]
