package com.zviewer.cloud.media;

/** {@link DeletionTests} against object storage. */
@S3Storage
class S3DeletionTests extends DeletionTests {

}
