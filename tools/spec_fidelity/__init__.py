"""The drift check: Wix SDK typings (extract.js) compared with spec/openapi.yaml (compare.py)."""
