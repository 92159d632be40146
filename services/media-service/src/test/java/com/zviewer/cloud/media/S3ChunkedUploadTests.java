package com.zviewer.cloud.media;

/** {@link ChunkedUploadTests} against object storage. */
@S3Storage
class S3ChunkedUploadTests extends ChunkedUploadTests {

}
