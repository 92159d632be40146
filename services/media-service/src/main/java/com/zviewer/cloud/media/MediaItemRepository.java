package com.zviewer.cloud.media;

import org.springframework.data.jpa.repository.JpaRepository;

interface MediaItemRepository extends JpaRepository<MediaItem, Long> {

}
