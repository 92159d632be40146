package com.zviewer.cloud.media;

import org.springframework.data.repository.ListCrudRepository;

/**
 * Inserts and finds media items. Changes to stored items are targeted updates (see {@link MediaService} and
 * {@link ThumbnailWorker}), listings are {@link MediaSearch}'s.
 */
interface MediaItemRepository extends ListCrudRepository<MediaItem, Long> {

}
