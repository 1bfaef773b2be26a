"""Object storage pieces (imported only when S3 buckets are configured: needs boto3)."""

from storages.backends.s3 import S3Storage


class AppServedS3Storage(S3Storage):
    """A private-bucket storage whose URLs point at the application, which checks who asks and
    streams the object (used for image renditions: see config/storages.py)."""

    def __init__(self, app_url="/media/", **options):
        self.app_url = app_url
        super().__init__(**options)

    def url(self, name, parameters=None, expire=None, http_method=None):
        return self.app_url + name.lstrip("/")
