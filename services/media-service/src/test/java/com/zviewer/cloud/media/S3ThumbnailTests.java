package com.zviewer.cloud.media;

/** {@link ThumbnailTests} against object storage. */
@S3Storage
class S3ThumbnailTests extends ThumbnailTests {

}
