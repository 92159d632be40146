package com.zviewer.cloud.media;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

interface MediaItemRepository extends ListCrudRepository<MediaItem, Long>, ListPagingAndSortingRepository<MediaItem, Long> {

}
