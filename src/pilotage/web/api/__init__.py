"""The JSON API (django-ninja), documented by its OpenAPI schema."""
