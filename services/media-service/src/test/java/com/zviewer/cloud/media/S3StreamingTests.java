package com.zviewer.cloud.media;

/** {@link StreamingTests} against object storage. */
@S3Storage
class S3StreamingTests extends StreamingTests {

}
