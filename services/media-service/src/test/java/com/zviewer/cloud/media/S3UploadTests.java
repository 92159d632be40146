package com.zviewer.cloud.media;

/** {@link UploadTests} against object storage. */
@S3Storage
class S3UploadTests extends UploadTests {

}
