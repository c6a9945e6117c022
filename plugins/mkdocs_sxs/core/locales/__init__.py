"""One site for many locales: the manifest, which pages each locale has, and the markup tying them together."""
